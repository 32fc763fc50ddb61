// The network every discovery run finds: a fixed inventory, so snapshots and the README's curl
// walkthrough give the same rows every time.

/** One discovered device, before it belongs to a snapshot. */
export interface DiscoveredDevice {
  readonly hostname: string
  readonly siteName: string
  readonly vendor: string
  readonly platform: string
  readonly model: string
  readonly serialNumber: string
  readonly loginIp: string
  readonly uptime: number
}

/** One discovered interface; `speed` in bits per second, `null` for logical interfaces. */
export interface DiscoveredInterface {
  readonly hostname: string
  readonly intName: string
  readonly l1: 'up' | 'down'
  readonly mtu: number
  readonly speed: number | null
}

const G = 1e9

export const devices: readonly DiscoveredDevice[] = [
  {
    hostname: 'hq-core-01',
    siteName: 'HQ',
    vendor: 'cisco',
    platform: 'nx9k',
    model: 'N9K-C93180YC-EX',
    serialNumber: 'FDO2131R0AB',
    loginIp: '10.0.0.1',
    uptime: 8_640_000,
  },
  {
    hostname: 'hq-core-02',
    siteName: 'HQ',
    vendor: 'cisco',
    platform: 'nx9k',
    model: 'N9K-C93180YC-EX',
    serialNumber: 'FDO2131R0AC',
    loginIp: '10.0.0.2',
    uptime: 8_639_000,
  },
  {
    hostname: 'l35-edge-01',
    siteName: 'L35',
    vendor: 'juniper',
    platform: 'mx',
    model: 'MX204',
    serialNumber: 'JN11F2A3BAFA',
    loginIp: '10.35.0.1',
    uptime: 3_110_400,
  },
  {
    hostname: 'l35-sw-01',
    siteName: 'L35',
    vendor: 'arista',
    platform: 'eos',
    model: 'DCS-7050SX3-48YC8',
    serialNumber: 'JPE20301234',
    loginIp: '10.35.0.10',
    uptime: 1_209_600,
  },
  {
    hostname: 'l71-fw-01',
    siteName: 'L71',
    vendor: 'paloalto',
    platform: 'pan-os',
    model: 'PA-3220',
    serialNumber: '013201001234',
    loginIp: '10.71.0.1',
    uptime: 604_800,
  },
]

export const interfaces: readonly DiscoveredInterface[] = [
  { hostname: 'hq-core-01', intName: 'Eth1/1', l1: 'up', mtu: 9216, speed: 100 * G },
  { hostname: 'hq-core-01', intName: 'Eth1/2', l1: 'up', mtu: 9216, speed: 100 * G },
  { hostname: 'hq-core-01', intName: 'mgmt0', l1: 'up', mtu: 1500, speed: 1 * G },
  { hostname: 'hq-core-02', intName: 'Eth1/1', l1: 'up', mtu: 9216, speed: 100 * G },
  { hostname: 'hq-core-02', intName: 'Eth1/2', l1: 'down', mtu: 9216, speed: 100 * G },
  { hostname: 'l35-edge-01', intName: 'xe-0/1/0', l1: 'up', mtu: 1514, speed: 10 * G },
  { hostname: 'l35-edge-01', intName: 'ge-0/0/0', l1: 'down', mtu: 1514, speed: 1 * G },
  { hostname: 'l35-sw-01', intName: 'Ethernet1', l1: 'up', mtu: 9214, speed: 25 * G },
  { hostname: 'l35-sw-01', intName: 'Management1', l1: 'up', mtu: 1500, speed: 1e8 },
  { hostname: 'l71-fw-01', intName: 'ethernet1/1', l1: 'up', mtu: 1500, speed: 10 * G },
  { hostname: 'l71-fw-01', intName: 'tunnel.1', l1: 'up', mtu: 1400, speed: null },
]

/** The snapshot a new data directory starts with, so the API has data before any discovery. */
export const baseline = {
  id: '0b8a2c2e-7f5d-4c1e-9a3b-5e7d1c2f4a60',
  name: 'baseline',
  note: 'Initial discovery',
  createdAt: Date.parse('2025-11-03T08:00:00Z'),
} as const
