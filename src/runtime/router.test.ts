import { describe, expect, test } from 'vitest'
import { createRouter } from './router.ts'

describe('createRouter', () => {
  const router = createRouter<string>()
  router.on('GET', '/assets', 'list')
  router.on('GET', '/assets/:id', 'get')
  router.on('GET', '/assets/search', 'search')
  router.on('GET', '/assets/:id/children/:child', 'child')
  router.on('GET', '/files/*', 'files')
  router.on('POST', '/assets', 'create')

  test('a static path -> its route, no params', () => {
    expect(router.find('GET', '/assets')).toEqual({ store: 'list', params: {} })
  })

  test('a parameter segment -> the route and the decoded value', () => {
    expect(router.find('GET', '/assets/caf%C3%A9')).toEqual({ store: 'get', params: { id: 'café' } })
  })

  test('a static segment beside a parameter -> the static route wins', () => {
    expect(router.find('GET', '/assets/search')).toEqual({ store: 'search', params: {} })
  })

  test('a static prefix that dead-ends -> backtracks to the parameter route', () => {
    expect(router.find('GET', '/assets/search/children/7')).toEqual({
      store: 'child',
      params: { id: 'search', child: '7' },
    })
  })

  test('an encoded slash in a parameter -> one segment, decoded to a slash', () => {
    expect(router.find('GET', '/assets/a%2Fb')).toEqual({ store: 'get', params: { id: 'a/b' } })
  })

  test('an encoded unreserved character in a static segment -> matches the decoded segment', () => {
    expect(router.find('GET', '/%61ssets')).toEqual({ store: 'list', params: {} })
  })

  test('a trailing slash or an empty parameter -> no route', () => {
    expect(router.find('GET', '/assets/')).toBeNull()
    expect(router.find('GET', '/assets//children/1')).toBeNull()
  })

  test('a wildcard -> the rest of the path under *', () => {
    expect(router.find('GET', '/files/a/b%20c')).toEqual({ store: 'files', params: { '*': 'a/b c' } })
  })

  test('another method -> its own tree', () => {
    expect(router.find('POST', '/assets')?.valueOf()).toEqual({ store: 'create', params: {} })
    expect(router.find('DELETE', '/assets')).toBeNull()
  })

  test('an invalid percent-encoding -> bad-url, in a static or a parameter segment', () => {
    expect(router.find('GET', '/assets/%E0%A4%A')).toBe('bad-url')
    expect(router.find('GET', '/%ZZ')).toBe('bad-url')
  })

  test('the same template twice, whatever its parameter names -> STRATA_ERR_ROUTE_INVALID', () => {
    expect(() => router.on('GET', '/assets/:key', 'again')).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_ROUTE_INVALID' }),
    )
    expect(router.has('GET', '/assets/:other')).toBe(true)
  })

  test('a regular-expression parameter or a path without a leading slash -> STRATA_ERR_ROUTE_INVALID', () => {
    expect(() => router.on('GET', '/x/:id(^\\d+)', 'x')).toThrow(/regular-expression/)
    expect(() => router.on('GET', 'x', 'x')).toThrow(expect.objectContaining({ code: 'STRATA_ERR_ROUTE_INVALID' }))
  })
})
