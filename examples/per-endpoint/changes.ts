import { defineChange, endpoint, schema } from 'strata'
import { Device, Interface, Snapshot } from './schemas.ts'

// The change ledger: one entry per breaking change, attached (in api.ts) to the version of the one
// endpoint that introduced it. Handlers and storage know only head.

/** `GET /api/devices` version 2: the site filter is `siteName`, like the field it filters. */
export const renameDeviceSiteFilter = defineChange({
  name: 'renameDeviceSiteFilter',
  description: 'The site filter of `GET /api/devices` is `siteName` (formerly `site`).',
  instructions: [endpoint('GET', '/api/devices').param('siteName').renamedFrom('site')],
})

/** `GET /api/devices` version 3: devices spell out `serialNumber`. */
export const renameDeviceSnToSerialNumber = defineChange({
  name: 'renameDeviceSnToSerialNumber',
  description: 'Devices carry `serialNumber` (formerly `sn`).',
  instructions: [schema(Device).field('serialNumber').renamedFrom('sn')],
})

/** `GET /api/snapshots/{id}` version 2: `fromArchive` is gone (archives load as ordinary snapshots). */
export const removeSnapshotFromArchive = defineChange({
  name: 'removeSnapshotFromArchive',
  description: 'Snapshots no longer carry `fromArchive`; version 1 clients receive `false`.',
  instructions: [
    schema(Snapshot)
      .field('fromArchive')
      .removed({ was: { type: 'boolean' }, required: true, default: false }),
  ],
})

const units: readonly [string, number][] = [
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['K', 1e3],
]

/** `10000000000` -> `'10G'`, `null` stays `null` (version 1's label). */
export function speedLabel(bps: unknown): unknown {
  if (typeof bps !== 'number') return null
  const unit = units.find(([, size]) => bps >= size && bps % size === 0)
  return unit === undefined ? String(bps) : `${bps / unit[1]}${unit[0]}`
}

/** `'10G'` -> `10000000000`; anything unreadable -> `null`. */
export function speedBits(label: unknown): unknown {
  if (typeof label !== 'string') return null
  const m = /^(\d+)([TGMK]?)$/.exec(label)
  if (m === null) return null
  return Number(m[1]) * (units.find(([u]) => u === m[2])?.[1] ?? 1)
}

/** `GET /api/inventory/interfaces` version 2: `speed` is a number of bits per second. */
export const interfaceSpeedInBits = defineChange({
  name: 'interfaceSpeedInBits',
  description: 'Interface `speed` is an integer in bits per second (formerly a label such as `10G`).',
  instructions: [
    schema(Interface)
      .field('speed')
      .typeChanged({ was: { type: ['string', 'null'] }, down: speedLabel, up: speedBits }),
  ],
})
