import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { sha256File } from '../../test/helpers/library-snapshot'
import { ffprobePath, makeAudio, makeDir } from '../../test/helpers/media-fixtures'
import { credentialsEnv } from '../../test/integration/storage/support/s3-fixtures'
import { cliJsonOk, cliOk, runCliProcess } from './cli-process'
import { storedKeys } from './library-check'

/** The libraries the crash-safety operations run on, and what the checks read back from them. */

/** Credentials of the `production` and `backup` S3 storages, for every CLI run. */
export const env = { ...credentialsEnv('production'), ...credentialsEnv('backup') }

export const lib = (dir: string, ...args: string[]) => ['--library', dir, '--user', 'ann', ...args]

/** Every library starts with an episode that has chapter marks and a transcript to lose. */
export function baseLibrary(dir: string, sources: string): void {
  cliOk(lib(dir, 'init'))
  const folder = makeDir(sources, 'base')
  makeAudio(join(folder, 'base-show.mp3'), 'mp3', { seconds: 4 })
  const [imported] = cliJsonOk<{ id: number }[]>(lib(dir, 'import', join(folder, 'base-show.mp3')))
  const id = String(imported?.id)
  const chapters = join(folder, 'chapters.txt')
  writeFileSync(
    chapters,
    '00:00:00.000 Hello\n00:00:01.000 News <https://example.org/news>\n00:00:02.500 Bye\n',
  )
  cliOk(lib(dir, 'audio', 'chapters', id, '--import', chapters))
  const vtt = join(folder, 'transcript.vtt')
  writeFileSync(
    vtt,
    'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n<v Ann>Hello and welcome.\n\n00:00:01.500 --> 00:00:03.000\n<v Bob>Thanks, Ann.\n',
  )
  cliOk(lib(dir, 'audio', 'transcript', id, '--import', vtt))
}

/** `castdesk storages init NAME`, asynchronously: the S3 server lives in this process. */
export async function setUpStorage(dir: string, name: string): Promise<void> {
  const run = await runCliProcess(lib(dir, 'storages', 'init', name), { env })
  if (run.code !== 0) throw new Error(`storages init ${name} failed: ${run.stderr}`)
}

export function writeConfig(dir: string, storages: Record<string, unknown>): void {
  writeFileSync(
    join(dir, 'castdesk.config.json'),
    JSON.stringify({ storages: { default: { type: 'local', location: 'media' }, ...storages } }, null, 2),
  )
}

export function mediaCount(dir: string): number {
  const db = new Database(join(dir, 'library.sqlite'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM media').get() as { n: number }).n
  } finally {
    db.close()
  }
}

export function mediaHashes(dir: string): Map<string, string> {
  const media = join(dir, 'media')
  return new Map(storedKeys(media).map((key) => [key, sha256File(join(media, key))]))
}

/** Manifest rows of a storage must describe what it really holds. */
export function manifestRows(dir: string, storage: string): { key: string; sha256: string | null }[] {
  const db = new Database(join(dir, 'library.sqlite'), { readonly: true })
  try {
    return db
      .prepare<[string], { key: string; sha256: string | null }>(
        'SELECT storage_key AS key, sha256 FROM storage_manifest WHERE storage = ?',
      )
      .all(storage)
  } finally {
    db.close()
  }
}

export function chaptersInFile(path: string): number {
  const out = execFileSync(ffprobePath(), ['-v', 'error', '-show_chapters', '-of', 'json', path], {
    encoding: 'utf8',
  })
  return (JSON.parse(out) as { chapters: unknown[] }).chapters.length
}
