import pg from 'pg'
import { expect, test } from 'vitest'
import { describeWithPostgres } from './postgres.ts'

describeWithPostgres('postgres test service', (postgres) => {
  test('postgres service: started for the file -> a new database accepts connections and writes', async () => {
    const url = await postgres().createDatabase('service_check')
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query('CREATE TABLE t (id integer PRIMARY KEY)')
      await client.query('INSERT INTO t VALUES (1)')
      expect((await client.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 1 }])
      expect((await client.query('SHOW fsync')).rows).toEqual([{ fsync: 'off' }])
    } finally {
      await client.end()
    }
  })
})
