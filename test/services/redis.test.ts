import { Redis } from 'ioredis'
import { expect, test } from 'vitest'
import { describeWithRedis } from './redis.ts'

describeWithRedis('redis test service', (redis) => {
  test('redis service: started for the file -> answers PING and keeps nothing on disk', async () => {
    const client = new Redis(redis().url)
    try {
      expect(await client.ping()).toBe('PONG')
      expect(await client.config('GET', 'save')).toEqual(['save', ''])
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no'])
    } finally {
      client.disconnect()
    }
  })
})
