/**
 * The sync plan (pure): which files of the source to add to the destination, which to change,
 * which destination files the source does not have, and which are the same. Data in, data out:
 * no I/O, no clock.
 */

/** A file of the source, with the hash of its content. */
export interface SourceFile {
  key: string
  size: number
  /** Null while a new or changed file on this machine is not hashed yet (it is hashed before it is copied). */
  sha256: string | null
  /** MD5 (hex), when known: S3 checks uploads against it and single-part ETags equal it. */
  md5: string | null
  /** Modification time from the listing (files on this machine), recorded with the hash. */
  mtimeMs?: number | null
  /** ETag from the listing (S3), recorded with the hash. */
  etag?: string | null
}

/** A file of the destination as far as Castdesk knows it. */
export interface DestinationFile {
  key: string
  size: number
  /** From the manifest or the object's `sha256` metadata; null for objects Castdesk did not write. */
  sha256: string | null
  /** S3 ETag without quotes (the MD5 for single-part uploads), when known. */
  etag: string | null
}

export interface SyncPlan {
  /** Missing in the destination. */
  add: SourceFile[]
  /** In both, with other content. */
  change: SourceFile[]
  /** Only in the destination (deleted only with --delete, and only under managed prefixes). */
  extra: DestinationFile[]
  /** In both with the same content. */
  same: SourceFile[]
  /** Bytes that add and change will transfer. */
  bytesToCopy: number
}

/** Same content: equal size and SHA-256; for objects without a recorded SHA-256, an ETag equal to the MD5. */
export function sameContent(source: SourceFile, destination: DestinationFile): boolean {
  if (source.size !== destination.size || source.sha256 === null) return false
  if (destination.sha256 !== null) return destination.sha256 === source.sha256
  return source.md5 !== null && destination.etag === source.md5
}

export function planSync(source: readonly SourceFile[], destination: readonly DestinationFile[]): SyncPlan {
  const there = new Map(destination.map((file) => [file.key, file]))
  const plan: SyncPlan = { add: [], change: [], extra: [], same: [], bytesToCopy: 0 }
  const seen = new Set<string>()
  for (const file of [...source].sort(byKey)) {
    if (seen.has(file.key)) continue
    seen.add(file.key)
    const existing = there.get(file.key)
    if (!existing) plan.add.push(file)
    else if (sameContent(file, existing)) plan.same.push(file)
    else plan.change.push(file)
  }
  for (const file of plan.add) plan.bytesToCopy += file.size
  for (const file of plan.change) plan.bytesToCopy += file.size
  plan.extra = destination.filter((file) => !seen.has(file.key)).sort(byKey)
  return plan
}

/**
 * Extras the catalog still needs (pure): a file an item references that the source lacks is the
 * destination's to keep — it may be the only copy — never an extra to remove.
 */
export function splitReferenced(
  extras: readonly DestinationFile[],
  referenced: ReadonlySet<string>,
): { unreferenced: DestinationFile[]; missing: DestinationFile[] } {
  const unreferenced: DestinationFile[] = []
  const missing: DestinationFile[] = []
  for (const file of extras) (referenced.has(file.key) ? missing : unreferenced).push(file)
  return { unreferenced, missing }
}

/**
 * Changes that would replace the catalog's own version (pure): the destination holds the bytes
 * the catalog records for the key and the source another version (an older copy brought back from
 * production, say). Those are never overwritten.
 */
export function splitCatalogVersions(
  changes: readonly SourceFile[],
  destination: readonly DestinationFile[],
  recorded: ReadonlyMap<string, string>,
): { change: SourceFile[]; kept: SourceFile[] } {
  const there = new Map(destination.map((file) => [file.key, file.sha256]))
  const change: SourceFile[] = []
  const kept: SourceFile[] = []
  for (const file of changes) {
    const catalog = recorded.get(file.key)
    const keep = catalog !== undefined && there.get(file.key) === catalog && file.sha256 !== catalog
    ;(keep ? kept : change).push(file)
  }
  return { change, kept }
}

/** Extras that `--delete` may remove: only those under the given prefixes. */
export function deletableExtras(plan: SyncPlan, prefixes: readonly string[]): DestinationFile[] {
  return plan.extra.filter((file) => prefixes.some((prefix) => file.key.startsWith(prefix)))
}

/** One line per path, rclone's `--combined` style: "+" add, "*" change, "-" extra, "=" same. */
export function planLines(plan: SyncPlan, options: { same?: boolean } = {}): string[] {
  const lines = [
    ...plan.add.map((f) => ({ key: f.key, line: `+ ${f.key}` })),
    ...plan.change.map((f) => ({ key: f.key, line: `* ${f.key}` })),
    ...plan.extra.map((f) => ({ key: f.key, line: `- ${f.key}` })),
    ...(options.same ? plan.same.map((f) => ({ key: f.key, line: `= ${f.key}` })) : []),
  ]
  return lines.sort(byKey).map((entry) => entry.line)
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}
