import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/** The tables that are the library's content (jobs, sync manifests and write reservations are not). */
export const CONTENT_TABLES = [
  'users',
  'media',
  'blobs',
  'tags',
  'media_tags',
  'images',
  'renditions',
  'audios',
  'audio_files',
  'chapter_marks',
  'transcripts',
  'transcript_cues',
  'audio_peaks',
  'videos',
  'video_posters',
  'galleries',
  'gallery_images',
  'podcasts',
  'episodes',
  'episode_media',
  'episode_galleries',
  'api_tokens',
  'trash',
  'library_identity',
] as const

/** Every row of every content table of the library in `dir`, in a stable order. */
export function libraryRows(dir: string): Record<string, unknown[]> {
  const db = new Database(join(dir, 'library.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const rows: Record<string, unknown[]> = {}
    for (const table of CONTENT_TABLES) {
      const all = db.prepare(`SELECT * FROM ${table}`).all()
      rows[table] = all.map((row) => JSON.stringify(row)).sort()
    }
    return rows
  } finally {
    db.close()
  }
}

/** SHA-256 of each file the library's rows reference, read from its local default storage (null: missing). */
export function fileHashes(dir: string): Record<string, string | null> {
  const db = new Database(join(dir, 'library.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const hashes: Record<string, string | null> = {}
    for (const { key } of db.prepare<[], { key: string }>('SELECT storage_key AS key FROM blobs').all()) {
      const path = join(dir, 'media', key)
      hashes[key] = existsSync(path) ? sha256(readFileSync(path)) : null
    }
    return hashes
  } finally {
    db.close()
  }
}

export function recordedHashes(dir: string): Record<string, string> {
  const db = new Database(join(dir, 'library.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const rows = db
      .prepare<[], { key: string; sha256: string }>('SELECT storage_key AS key, sha256 FROM blobs')
      .all()
    return Object.fromEntries(rows.map((row) => [row.key, row.sha256]))
  } finally {
    db.close()
  }
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')
