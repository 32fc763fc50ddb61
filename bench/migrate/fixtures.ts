import {
  type Change,
  calendarScheme,
  defineChange,
  defineSchema,
  defineVersions,
  schema,
  type VersionInput,
} from 'strata'

/** A small head object of eight fields, the shape most single-object routes return. */
export const Item = defineSchema('BenchItem', {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    f0: { type: 'string' },
    status: { type: 'string', enum: ['a', 'b', 'c'] },
    size: { type: 'number' },
    owner: { type: 'string' },
    created: { type: 'string' },
    updated: { type: 'string' },
    note: { type: 'string' },
  },
})

export const ItemList = { type: 'object', properties: { items: { type: 'array', items: Item.schema } } }

export const item = (i: number) => ({
  id: i,
  f0: `name-${i}`,
  status: 'c',
  size: i * 1.5,
  owner: 'ops',
  created: '2024-01-01T00:00:00Z',
  updated: '2024-02-01T00:00:00Z',
  note: 'n',
})

/** `chain` changes that touch BenchItem (renames of one field, a different kind every third), plus `noise` untouched. */
export function versionsWith(chain: number, noise = 0): VersionInput[] {
  const versions: VersionInput[] = [{ id: '2000-01-01' }]
  const day = (i: number) => new Date(Date.UTC(2001, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
  let n = 0
  for (let i = 0; i < chain; i++) {
    const changes: Change[] = [
      defineChange({
        name: `step${i}`,
        description: 'bench',
        instructions: [
          schema(Item)
            .field(i === chain - 1 ? 'f0' : `f${chain - 1 - i}`)
            .renamedFrom(`f${chain - i}`),
        ],
      }),
    ]
    versions.push({ id: day(n++), changes })
  }
  for (let i = 0; i < noise; i++) {
    const Other = defineSchema(`Noise${i}`, { type: 'object', properties: { a: { type: 'string' } } })
    versions.push({
      id: day(n++),
      changes: [
        defineChange({
          name: `noise${i}`,
          description: 'n',
          instructions: [schema(Other).field('a').renamedFrom('b')],
        }),
      ],
    })
  }
  return versions
}

export const defineBenchVersions = (versions: VersionInput[]) =>
  defineVersions({ scheme: calendarScheme(), versions }).versions
