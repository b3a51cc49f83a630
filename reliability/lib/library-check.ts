import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import Database from 'better-sqlite3'
import { Library } from '../../src/main/library/library'
import { LOCAL_TMP_DIR } from '../../src/main/storage/local-storage'
import { isReservedKey } from '../../src/main/storage/reserved-keys'
import { listFiles, sha256File } from '../../test/helpers/library-snapshot'

/** Chapter marks, transcripts and their cues: what a podcaster must never lose. */
export function wordsDigest(dir: string): string {
  const db = new Database(join(dir, 'library.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const hash = createHash('sha256')
    for (const table of ['chapter_marks', 'transcripts', 'transcript_cues']) {
      const rows = db.prepare(`SELECT * FROM ${table}`).all()
      hash.update(table).update(JSON.stringify(rows.map((row) => JSON.stringify(row)).sort()))
    }
    return hash.digest('hex')
  } finally {
    db.close()
  }
}

interface BlobRow {
  key: string
  sha256: string
  size: number
}

/**
 * Files of a folder relative to it, with `/` separators, skipping what Castdesk keeps for itself
 * there (temporary writes, the quarantine, the storage's marker): never media.
 */
export function storedKeys(root: string): string[] {
  return listFiles(root)
    .map((file) => relative(root, file).split(sep).join('/'))
    .filter((key) => !isReservedKey(key))
    .sort()
}

/**
 * Everything the issue asks of a library after a crash, as a list of problems (empty: fine).
 * Looks first at the state the crash left (integrity, every file under a real key complete and
 * accounted for), then reopens it the way every door does (which runs crash recovery) and checks
 * again: every row's file exists with its recorded SHA-256, no stray or partial file, no
 * leftover temporary file, and the chapters and transcripts digest unchanged.
 */
export async function checkLibraryAfterCrash(dir: string, words: string): Promise<string[]> {
  const problems: string[] = []
  const dbPath = join(dir, 'library.sqlite')
  const media = join(dir, 'media')
  // As the crash left it (opening read-write replays the WAL, as any reader would).
  const raw = new Database(dbPath, { fileMustExist: true })
  try {
    const integrity = raw.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`)
    const blobs = new Map(
      raw
        .prepare<[], BlobRow>('SELECT storage_key AS key, sha256, size FROM blobs')
        .all()
        .map((b) => [b.key, b]),
    )
    const pending = new Set(
      raw
        .prepare<[], { key: string }>('SELECT storage_key AS key FROM pending_keys')
        .all()
        .map((r) => r.key),
    )
    for (const key of storedKeys(media)) {
      const blob = blobs.get(key)
      if (blob) {
        const actual = sha256File(join(media, key))
        // A file replaced in place (chapters written into it) is claimed before the rename and
        // released with its row update: killed in between, the claim tells the next open to record
        // the new content, which the check after reopening requires. Unclaimed, it is a loss.
        if (actual !== blob.sha256 && !pending.has(key))
          problems.push(`before recovery: ${key} holds ${short(actual)}, its row says ${short(blob.sha256)}`)
      } else if (!pending.has(key)) {
        problems.push(`before recovery: ${key} is under a real key with no row and no reservation`)
      }
    }
  } finally {
    raw.close()
  }

  let library: Library
  try {
    library = await Library.open(dir)
  } catch (error) {
    return [...problems, `reopening failed: ${(error as Error).message}`]
  }
  try {
    const integrity = library.db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check after reopening: ${integrity}`)
    const referenced = new Set<string>()
    for (const blob of library.blobs.all()) {
      referenced.add(blob.key)
      const path = join(media, blob.key)
      if (!existsSync(path)) {
        problems.push(`${blob.key}: its row exists, its file is gone`)
        continue
      }
      const actual = sha256File(path)
      if (actual !== blob.sha256)
        problems.push(`${blob.key}: holds ${short(actual)}, its row says ${short(blob.sha256)}`)
    }
    for (const key of storedKeys(media)) {
      if (!referenced.has(key)) problems.push(`${key}: a file no row references (left by the crash)`)
    }
    const reservations = library.blobs.reservations()
    if (reservations.length) problems.push(`reservations left: ${reservations.map((r) => r.key).join(', ')}`)
  } finally {
    library.close()
  }
  const leftovers = [...listFiles(join(media, LOCAL_TMP_DIR)), ...listFiles(join(dir, 'tmp'))]
  if (leftovers.length)
    problems.push(`temporary files left: ${leftovers.map((f) => relative(dir, f)).join(', ')}`)
  if (wordsDigest(dir) !== words) problems.push('chapter marks or transcripts changed')
  return problems
}

/** Checks a plain folder storage (a local `production` or `backup`) against the source's hashes. */
export function checkFolderStorage(root: string, expected: ReadonlyMap<string, string>): string[] {
  const problems: string[] = []
  for (const key of storedKeys(root)) {
    const want = expected.get(key)
    if (!want) problems.push(`${key}: not a file of the source`)
    else if (sha256File(join(root, key)) !== want)
      problems.push(`${key}: partial or wrong content under a real key`)
  }
  return problems
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

const short = (sha: string) => sha.slice(0, 12)
