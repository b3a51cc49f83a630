/**
 * Where library snapshots live in a storage (pure): `castdesk-library/<name>.sqlite.gz` and its
 * manifest `castdesk-library/<name>.json`, `<name>` being the UTC time and the first 12 hex
 * digits of the compressed file's SHA-256. Outside every media prefix, so sync, media_stale and
 * the media listings never take them for media.
 */
export const SNAPSHOT_PREFIX = 'castdesk-library/'
const DATA_SUFFIX = '.sqlite.gz'
const MANIFEST_SUFFIX = '.json'
const NAME = /^(\d{8}T\d{6}Z)-([0-9a-f]{12})$/

export function snapshotName(time: Date, sha256: string): string {
  const stamp = time
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
  return `${stamp}-${sha256.slice(0, 12)}`
}

export const dataKey = (name: string): string => `${SNAPSHOT_PREFIX}${name}${DATA_SUFFIX}`
export const manifestKey = (name: string): string => `${SNAPSHOT_PREFIX}${name}${MANIFEST_SUFFIX}`

/** True for keys of the snapshot area, which are never media. */
export function isSnapshotKey(key: string): boolean {
  return key.startsWith(SNAPSHOT_PREFIX)
}

/** The snapshot a key belongs to and which of its two files it is; null for anything else. */
export function parseSnapshotKey(key: string): { name: string; part: 'data' | 'manifest' } | null {
  if (!key.startsWith(SNAPSHOT_PREFIX)) return null
  const rest = key.slice(SNAPSHOT_PREFIX.length)
  for (const [suffix, part] of [
    [DATA_SUFFIX, 'data'],
    [MANIFEST_SUFFIX, 'manifest'],
  ] as const) {
    if (!rest.endsWith(suffix)) continue
    const name = rest.slice(0, -suffix.length)
    if (NAME.test(name)) return { name, part }
  }
  return null
}

/** The time a snapshot name carries, as ISO-8601. */
export function timeOfName(name: string): string {
  const stamp = NAME.exec(name)?.[1] ?? '19700101T000000Z'
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.000Z`
}
