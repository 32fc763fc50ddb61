const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Applies changes to a resource without losing what the caller does not know (MUST FORWARD):
 * nested objects are merged key by key, arrays and other values replace, and every field and enum
 * value of the resource that the changes do not name is kept as it was read.
 *
 * @example
 * mergeChanges({ spec: { name: 'a', zone: 'x-new' }, extra: 1 }, { spec: { name: 'b' } })
 * // { spec: { name: 'b', zone: 'x-new' }, extra: 1 }
 */
export function mergeChanges<T>(resource: T, changes: unknown): T {
  if (!isPlainObject(resource) || !isPlainObject(changes)) return changes as T
  const merged: Record<string, unknown> = { ...resource }
  for (const [key, value] of Object.entries(changes)) {
    const next = Object.hasOwn(resource, key) ? mergeChanges(resource[key], value) : value
    // Defined, not assigned: a key named __proto__ is data here, never the prototype.
    Object.defineProperty(merged, key, { value: next, enumerable: true, writable: true, configurable: true })
  }
  return merged as T
}
