/**
 * Which stored files media_stale reports (pure): those under a managed prefix (a leading "/"
 * ignored) that no row references. Files outside the managed prefixes are never selected.
 */
export function underPrefixes(key: string, prefixes: readonly string[]): boolean {
  const path = key.replace(/^\/+/, '')
  return prefixes.some((prefix) => path.startsWith(prefix))
}

export function selectStale<T extends { key: string }>(
  files: readonly T[],
  referenced: ReadonlySet<string>,
  prefixes: readonly string[],
): T[] {
  const seen = new Set<string>()
  const stale: T[] = []
  for (const file of files) {
    if (seen.has(file.key)) continue
    seen.add(file.key)
    if (underPrefixes(file.key, prefixes) && !referenced.has(file.key)) stale.push(file)
  }
  return stale.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/**
 * Clock skew allowed between the catalog's clock and a storage's (pure): a file modified this
 * close before the catalog's last write still counts as newer. A folder on this machine shares the
 * database's clock (FAT and network shares round to 2 s); an S3 server keeps its own, and AWS
 * refuses requests from a clock more than 15 minutes off, so no upload that landed is further off.
 */
export const SKEW_MARGIN_MS = { local: 2_000, remote: 15 * 60_000 } as const

/**
 * Splits unreferenced files (pure): those written after the catalog last changed (within the
 * margin) are not stale — the catalog may be an older copy that never knew them.
 */
export function splitNewer<T extends { modified: Date }>(
  files: readonly T[],
  lastWrite: Date | null,
  marginMs: number,
): { stale: T[]; newer: T[] } {
  if (lastWrite === null) return { stale: [], newer: [...files] }
  const cutoff = lastWrite.getTime() - marginMs
  const stale: T[] = []
  const newer: T[] = []
  for (const file of files) (file.modified.getTime() > cutoff ? newer : stale).push(file)
  return { stale, newer }
}
