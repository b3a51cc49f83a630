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
