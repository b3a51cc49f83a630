import type { LookupAddress } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { CastdeskError } from '../../shared/errors'
import { dns } from '../platform/builtins'
import { lazy } from '../platform/lazy'

/**
 * The addresses a feed fetched for someone on the network may not reach: loopback, private,
 * carrier-grade NAT, link-local (cloud metadata), multicast and reserved ranges, in IPv4 and IPv6
 * (IPv4-mapped IPv6 included). Checked on the address DNS gave, at connect time, so a name that
 * resolves differently later (DNS rebinding) is caught on every request and redirect.
 */
const blocked = lazy(() => {
  const list = new BlockList()
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const)
    list.addSubnet(net, prefix, 'ipv4')
  for (const [net, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
    ['64:ff9b::', 96],
  ] as const)
    list.addSubnet(net, prefix, 'ipv6')
  return list
})

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return blocked().check(address, 'ipv4')
  if (family !== 6) return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return blocked().check(mapped[1] as string, 'ipv4')
  return blocked().check(address, 'ipv6')
}

export function refusedAddress(host: string, address: string): CastdeskError {
  return new CastdeskError(
    'address_refused',
    `${host} is on a private, loopback or link-local address (${address}), which a feed import over the network may not reach. Import it with the castdesk command on this machine, or set feedImport.allowPrivateNetworks in castdesk.config.json.`,
  )
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/** A `lookup` for http.request that refuses private addresses (when not allowed). */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dns().lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const list = addresses as LookupAddress[]
      const bad = allowPrivate ? undefined : list.find((entry) => isPrivateAddress(entry.address))
      if (bad) return callback(refusedAddress(hostname, bad.address) as unknown as NodeJS.ErrnoException, [])
      if (options.all) return callback(null, list)
      const first = list[0]
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), [])
      callback(null, first.address, first.family)
    })
  }
}
