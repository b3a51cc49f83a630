import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256File } from '../test/helpers/library-snapshot'
import { makeAudio, makeDir, makeImage, makeVideo } from '../test/helpers/media-fixtures'
import { FaultProxy } from '../test/integration/storage/support/fault-proxy'
import { writeRandom } from '../test/integration/storage/support/s3-fixtures'
import { type S3TestServer, startS3Server } from '../test/integration/storage/support/s3-server'
import { cliJsonOk, cliOk, runCliProcess } from './lib/cli-process'
import { type CrashOperation, killAtRandomMoments } from './lib/crash-kill-loop'
import {
  baseLibrary,
  chaptersInFile,
  env,
  lib,
  manifestRows,
  mediaCount,
  mediaHashes,
  setUpStorage,
  writeConfig,
} from './lib/crash-library'
import { settleWithin } from './lib/figures'
import { checkFolderStorage, storedKeys } from './lib/library-check'
import { checkBucket } from './lib/s3-check'
import { KILLS_PER_OPERATION } from './lib/scale'

/**
 * 1. Crash safety. Each operation runs in the real CLI on a fresh copy of a prepared library and
 * is SIGKILLed at a seeded random moment within its measured duration; then the library is
 * reopened and checked (integrity, every row's file with its SHA-256, no partial or stray file, no
 * chapter or transcript lost, storages hold only complete objects), and the operation is run again
 * to the end and must complete.
 */

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-crash-'))
const sources = makeDir(root, 'sources')
let s3: S3TestServer
/** Forwards only whole request bodies, as real S3 stores only complete objects (see FaultProxy). */
let gateway: FaultProxy

const s3Entry = (bucket: string) => ({
  type: 's3',
  bucket,
  endpoint: gateway.endpoint,
  forcePathStyle: true,
  multipartThresholdMiB: 5,
  partSizeMiB: 5,
  partConcurrency: 2,
  requestTimeoutSeconds: 10,
})

const buckets = new Set<string>()
async function bucket(name: string): Promise<string> {
  if (!buckets.has(name)) await s3.createBucket(name)
  buckets.add(name)
  return name
}

async function checkManifestAgainstBucket(dir: string, bucket: string) {
  const problems: string[] = []
  for (const row of manifestRows(dir, 'production')) {
    const actual = await s3.sha256(bucket, row.key).catch(() => null)
    if (actual === null) problems.push(`manifest lists ${row.key}, the bucket lacks it`)
    else if (row.sha256 && actual !== row.sha256)
      problems.push(`manifest ${row.key} disagrees with the bucket`)
  }
  return problems
}

const IMPORT_FILES = { images: 60, notes: 30, audio: 8, videos: 2 }
let importExpected = 0
let importFolder = ''
let chapterAudioId = 0
let chapterPaths: string[] = []
const WRITTEN_CHAPTERS = 40
let syncSource = new Map<string, string>()
let restoreSource = new Map<string, string>()

const operations: CrashOperation[] = [
  {
    name: 'batch import',
    async prepare(template) {
      baseLibrary(template, sources)
      importFolder = makeDir(sources, 'batch')
      for (let i = 0; i < IMPORT_FILES.images; i++)
        await makeImage(join(importFolder, `photo-${i}.png`), 'png', { width: 320, height: 240, seed: i })
      for (let i = 0; i < IMPORT_FILES.notes; i++)
        writeFileSync(join(importFolder, `notes-${i}.txt`), `show notes ${i}\n${'lorem ipsum '.repeat(3000)}`)
      for (let i = 0; i < IMPORT_FILES.audio; i++)
        makeAudio(join(importFolder, `take-${i}.mp3`), 'mp3', { seconds: 2, frequency: 300 + i * 40 })
      for (let i = 0; i < IMPORT_FILES.videos; i++)
        makeVideo(join(importFolder, `clip-${i}.mp4`), { width: 160 + i * 16, height: 120, seconds: 1 })
    },
    async start(dir) {
      return lib(dir, '--json', 'import', importFolder)
    },
    afterMeasure(dir) {
      // Every file an item, plus the poster image each video gets.
      importExpected = mediaCount(dir)
    },
    async checkComplete(dir) {
      const n = mediaCount(dir)
      return n === importExpected
        ? []
        : [`${n} items after the re-run, an uninterrupted run makes ${importExpected}`]
    },
  },
  {
    name: 'rendition generation',
    async prepare(template) {
      baseLibrary(template, sources)
      const folder = makeDir(sources, 'photos')
      for (let i = 0; i < 3; i++)
        await makeImage(join(folder, `camera-${i}.jpg`), 'jpeg', { width: 1600, height: 1200, seed: 100 + i })
      cliOk(lib(template, 'import', folder))
    },
    async start(dir) {
      return lib(dir, '--json', 'sync_renditions')
    },
    async checkComplete(dir) {
      const again = cliJsonOk<{ missing: number; created: number }>(lib(dir, 'sync_renditions'))
      return again.missing === 0 && again.created === 0
        ? []
        : [`after the re-run, sync_renditions still finds ${again.missing} missing`]
    },
  },
  {
    name: 'writing chapters into MP3',
    async prepare(template) {
      baseLibrary(template, sources)
      const folder = makeDir(sources, 'episode')
      makeAudio(join(folder, 'episode.mp3'), 'mp3', { seconds: 240 })
      makeAudio(join(folder, 'episode.m4a'), 'm4a', { seconds: 240 })
      makeAudio(join(folder, 'episode.oga'), 'oga', { seconds: 240 })
      makeAudio(join(folder, 'episode.opus'), 'opus', { seconds: 240 })
      const outcomes = cliJsonOk<{ id: number }[]>(lib(template, 'import', folder))
      chapterAudioId = outcomes[0]?.id as number
      const marks = Array.from(
        { length: WRITTEN_CHAPTERS },
        (_, i) =>
          `00:${String(Math.floor((i * 5) / 60)).padStart(2, '0')}:${String((i * 5) % 60).padStart(2, '0')}.000 Chapter ${i + 1}`,
      )
      const file = join(folder, 'marks.txt')
      writeFileSync(file, `${marks.join('\n')}\n`)
      cliOk(lib(template, 'audio', 'chapters', String(chapterAudioId), '--import', file))
      const db = new Database(join(template, 'library.sqlite'), { readonly: true })
      chapterPaths = db
        .prepare<[number], { key: string }>(
          "SELECT storage_key AS key FROM blobs WHERE media_id = ? AND role = 'original'",
        )
        .all(chapterAudioId)
        .map((row) => row.key)
      db.close()
    },
    async start(dir) {
      return lib(dir, '--json', 'audio', 'write-chapters', String(chapterAudioId))
    },
    async checkComplete(dir) {
      return chapterPaths.flatMap((key) => {
        const n = chaptersInFile(join(dir, 'media', key))
        return n === WRITTEN_CHAPTERS ? [] : [`${key} holds ${n} chapters after the re-run`]
      })
    },
  },
  {
    name: 'sync to S3',
    async prepare(template) {
      baseLibrary(template, sources)
      const folder = makeDir(sources, 'uploads')
      for (let i = 0; i < 30; i++) writeRandom(join(folder, `asset-${i}.bin`), 2000 + ((i * 7919) % 300_000))
      for (let i = 0; i < 2; i++) writeRandom(join(folder, `master-${i}.bin`), 12 * 1024 * 1024 + i)
      cliOk(lib(template, 'import', folder))
      syncSource = mediaHashes(template)
    },
    async start(dir, trial) {
      await bucket(`sync-${trial}`)
      writeConfig(dir, { production: s3Entry(`sync-${trial}`) })
      await setUpStorage(dir, 'production')
      return lib(dir, '--json', 'sync', '--to', 'production')
    },
    async checkStorages(dir, trial) {
      return [
        ...(await checkBucket(s3, `sync-${trial}`, syncSource, false)),
        ...(await checkManifestAgainstBucket(dir, `sync-${trial}`)),
      ]
    },
    async checkComplete(dir, trial) {
      return [
        ...(await checkBucket(s3, `sync-${trial}`, syncSource, true)),
        ...(await checkManifestAgainstBucket(dir, `sync-${trial}`)),
      ]
    },
  },
  {
    name: 'restore',
    async prepare(template) {
      baseLibrary(template, sources)
      const folder = makeDir(sources, 'archive')
      for (let i = 0; i < 30; i++) writeRandom(join(folder, `old-${i}.bin`), 3000 + ((i * 104729) % 300_000))
      for (let i = 0; i < 2; i++) writeRandom(join(folder, `old-master-${i}.bin`), 12 * 1024 * 1024 + 7 + i)
      cliOk(lib(template, 'import', folder))
      restoreSource = mediaHashes(template)
      writeConfig(template, { backup: s3Entry(await bucket('restore-backup')) })
      await setUpStorage(template, 'backup')
      // Asynchronously: the S3 server lives in this process and must keep answering.
      const filled = await runCliProcess(lib(template, 'sync', '--to', 'backup'), { env })
      if (filled.code !== 0) throw new Error(`filling the backup bucket failed: ${filled.stderr}`)
    },
    async start(dir) {
      writeConfig(dir, {
        backup: s3Entry('restore-backup'),
        production: { type: 'local', location: 'production' },
      })
      await setUpStorage(dir, 'production')
      return lib(dir, '--json', 'media_restore')
    },
    async checkStorages(dir) {
      const problems = checkFolderStorage(join(dir, 'production'), restoreSource)
      for (const row of manifestRows(dir, 'production')) {
        const path = join(dir, 'production', row.key)
        try {
          if (row.sha256 && sha256File(path) !== row.sha256)
            problems.push(`manifest ${row.key} disagrees with the file`)
        } catch {
          problems.push(`manifest lists ${row.key}, the folder lacks it`)
        }
      }
      return problems
    },
    async checkComplete(dir) {
      const problems = checkFolderStorage(join(dir, 'production'), restoreSource)
      const have = new Set(storedKeys(join(dir, 'production')))
      const missing = [...restoreSource.keys()].filter((key) => !have.has(key))
      if (missing.length) problems.push(`production lacks after the re-run: ${missing.join(', ')}`)
      return problems
    },
  },
]

describe('1. crash safety: SIGKILL at random moments', () => {
  beforeAll(async () => {
    s3 = await startS3Server()
    gateway = await new FaultProxy(s3.port, { wholeBodies: true }).start()
  }, 600_000)
  afterAll(async () => {
    // A lingering keep-alive connection must not hold the suite: stopping gets 10 s.
    await settleWithin(10_000, gateway?.stop())
    await settleWithin(10_000, s3?.stop())
    rmSync(root, { recursive: true, force: true })
  })

  for (const operation of operations) {
    it(operation.name, async () => {
      const figure = await killAtRandomMoments(operation, root, env)
      expect(figure.failures).toEqual([])
      expect(figure.tried).toBeGreaterThanOrEqual(KILLS_PER_OPERATION)
    })
  }
})
