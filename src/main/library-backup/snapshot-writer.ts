import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { SnapshotCounts } from '../../shared/api/library-backup.api'
import { CastdeskError } from '../../shared/errors'
import type { Db } from '../library/database'
import { LibrarySnapshotRepository } from '../library/repositories/library-snapshot.repository'
import { zlib } from '../platform/builtins'
import { fsyncPath } from '../storage/atomic-file'

export interface WrittenSnapshot {
  /** The compressed snapshot, a temp file the caller removes. */
  path: string
  size: number
  sha256: string
  databaseSize: number
  databaseSha256: string
  schemaVersion: number
  libraryId: string
  counts: SnapshotCounts
}

/**
 * A consistent copy of the library database by SQLite's online backup (safe while another
 * process writes: the copy is one moment of the database), checked, then gzip-compressed into
 * `workDir`. The uncompressed copy is removed.
 */
export async function writeSnapshot(db: Db, workDir: string): Promise<WrittenSnapshot> {
  await mkdir(workDir, { recursive: true })
  const copy = join(workDir, `${process.pid}-${randomUUID()}.sqlite`)
  const gz = `${copy}.gz`
  try {
    await db.backup(copy)
    const facts = new LibrarySnapshotRepository(db).inspect(copy)
    if (facts.integrity !== 'ok') {
      throw new CastdeskError(
        'library_damaged',
        `The library database fails SQLite's integrity check (${facts.integrity.slice(0, 200)}), so no snapshot was taken. Run "castdesk doctor" and restore the library from an earlier snapshot ("castdesk library restore").`,
      )
    }
    if (!facts.libraryId)
      throw new CastdeskError('library_damaged', 'The library database has no library id.')
    const raw = hashing()
    const packed = hashing()
    await pipeline(
      createReadStream(copy),
      raw.stream,
      zlib().createGzip({ level: 6 }),
      packed.stream,
      createWriteStream(gz),
    )
    await fsyncPath(gz)
    return {
      path: gz,
      size: (await stat(gz)).size,
      sha256: packed.digest(),
      databaseSize: raw.size(),
      databaseSha256: raw.digest(),
      schemaVersion: facts.schemaVersion,
      libraryId: facts.libraryId,
      counts: facts.counts,
    }
  } catch (error) {
    await rm(gz, { force: true })
    throw error
  } finally {
    await rm(copy, { force: true })
    await rm(`${copy}-journal`, { force: true })
  }
}

/** A pass-through stream that hashes and counts what flows through it. */
export function hashing(): { stream: Transform; digest: () => string; size: () => number } {
  const hash = createHash('sha256')
  let bytes = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      bytes += chunk.length
      callback(null, chunk)
    },
  })
  return { stream, digest: () => hash.digest('hex'), size: () => bytes }
}
