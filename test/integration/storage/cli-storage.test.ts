import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncReport } from '../../../src/shared/api/storage.api'
import type { ImportOutcome, MediaItem } from '../../../src/shared/media'
import { freshDirs } from '../../helpers/fresh-dirs'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { cli, cliJson, startCli } from './support/cli-async'
import { FaultProxy } from './support/fault-proxy'
import { s3Storage } from './support/library-fixture'
import { credentialsEnv, writeRandom } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

const dirs = freshDirs('castdesk-cli-s3-')
const MiB = 1024 * 1024
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** An initialised library whose castdesk.config.json has these storages. */
async function library(storages: Record<string, unknown>): Promise<string> {
  const dir = join(dirs.make(), 'library')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'castdesk.config.json'), JSON.stringify({ storages }))
  const init = await cli(['--library', dir, 'init'])
  if (init.code !== 0) throw new Error(`castdesk init failed: ${init.stderr}`)
  // Storages configured before `init` are set up the one way a storage is: `castdesk storages init`.
  for (const name of Object.keys(storages)) {
    const set = await cli(['--library', dir, 'storages', 'init', name], credentialsEnv(name))
    if (set.code !== 0) throw new Error(`castdesk storages init ${name} failed: ${set.stderr}`)
  }
  return dir
}

/** Waits for `condition`; fails at once, with its output, if the CLI run ends first. */
async function until(condition: () => boolean, run: ReturnType<typeof startCli>, timeoutMs = 30_000) {
  let ended: string | null = null
  void run.done.then((r) => {
    ended = `castdesk ended early (exit ${r.code}):\n${r.stdout}\n${r.stderr}`
  })
  const start = Date.now()
  while (!condition()) {
    if (ended) throw new Error(ended)
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('castdesk with S3 storages', () => {
  let s3: S3TestServer
  let proxy: FaultProxy

  beforeAll(async () => {
    s3 = await startS3Server(['prod', 'media'])
    proxy = await new FaultProxy(s3.port).start()
  })
  afterAll(async () => {
    await proxy.stop()
    await s3.stop()
  })

  it('stops with one clear line naming the storage when the access key id is wrong', async () => {
    const dir = await library({
      default: { type: 'local', location: 'media' },
      production: s3Storage(s3.endpoint, 'prod'),
    })
    writeRandom(join(dir, 'media', 'cast_audio', 'ep1.mp3'), 1000)
    writeRandom(join(dir, 'media', 'cast_audio', 'ep2.mp3'), 1000)
    const env = credentialsEnv('production', 'NOT-A-REAL-KEY')
    const result = await cli(['--library', dir, 'sync'], env)
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^castdesk: Storage "production" does not know the access key id from CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID \(InvalidAccessKeyId\) at http:\/\/127\.0\.0\.1:\d+: .*\[storage_denied\]$/,
      ),
    ])
    const json = await cliJson<{ error: { code: string } }>(['--library', dir, 'sync'], env)
    expect(json.json.error.code).toBe('storage_denied')
  })

  it('prints the plan of a dry run, then syncs, then has nothing to do', async () => {
    const dir = await library({
      default: { type: 'local', location: 'media' },
      production: s3Storage(s3.endpoint, 'prod', { prefix: 'dry' }),
    })
    writeRandom(join(dir, 'media', 'cast_audio', 'a.mp3'), 3000)
    writeRandom(join(dir, 'media', 'images', 'b.jpg'), 2000)
    const env = credentialsEnv('production')
    const dry = await cli(['--library', dir, 'sync', '--dry-run'], env)
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('+ cast_audio/a.mp3\n+ images/b.jpg\n')
    expect(dry.stdout).toContain('default → production (dry run): 2 to add')
    const first = await cliJson<SyncReport>(['--library', dir, 'sync'], env)
    expect(first.json).toMatchObject({ copied: 2, failures: [] })
    const second = await cli(['--library', dir, 'sync'], env)
    expect(second.stdout).toMatch(/0 added, 0 changed, 0 deleted .*; 2 unchanged/)
  })

  it('runs a library whose default storage is S3: import, show, verify, trash', async () => {
    const dir = await library({ default: s3Storage(s3.endpoint, 'media') })
    const env = credentialsEnv('default')
    const inbox = makeDir(dir, '..', 'inbox')
    await makeImage(join(inbox, 'cover.png'), 'png', { width: 90, height: 60 })
    makeAudio(join(inbox, 'ep1.mp3'), 'mp3', { seconds: 2, chapters: true })
    const imported = await cliJson<ImportOutcome[]>(['--library', dir, 'import', inbox], env)
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.json.map((o) => o.status)).toEqual(['imported', 'imported'])
    const audioId = imported.json.find((o) => o.type === 'audio')?.id
    const shown = await cliJson<MediaItem>(['--library', dir, 'show', String(audioId)], env)
    expect(shown.json).toMatchObject({ type: 'audio', duration_ms: expect.any(Number) })
    const file = shown.json.type === 'audio' ? shown.json.files[0] : undefined
    expect(file?.path).toBeNull()
    expect(await s3.sha256('media', file?.key as string)).toBe(file?.sha256)
    expect(await s3.metadata('media', file?.key as string)).toEqual({ sha256: file?.sha256 })

    const verified = await cliJson<{ done: number; failed: number }>(['--library', dir, 'verify'], env)
    expect(verified.code, verified.stderr).toBe(0)
    // Two verify jobs, plus whatever derived work the import queued (renditions, stored on S3 too).
    expect(verified.json.failed).toBe(0)
    expect(verified.json.done).toBeGreaterThanOrEqual(2)
    await s3.put('media', file?.key as string, 'bit rot')
    const broken = await cliJson<{ failed: number }>(['--library', dir, 'verify', String(audioId)], env)
    expect(broken.json.failed).toBe(1)

    expect((await cli(['--library', dir, 'delete', String(audioId)], env)).code).toBe(0)
    expect(await s3.keys('media', file?.key as string)).toEqual([file?.key])
    const refused = await cliJson<{ error: { code: string } }>(['--library', dir, 'trash', 'empty'], env)
    expect(refused.json.error.code).toBe('too_many_deletes')
    const emptied = await cliJson<{ files: number; quarantine: { batch: string } }>(
      ['--library', dir, 'trash', 'empty', '--max-delete', '1'],
      env,
    )
    expect(emptied.json.files).toBe(1)
    expect(await s3.keys('media', file?.key as string)).toEqual([])
    expect(await s3.keys('media', `castdesk-quarantine/${emptied.json.quarantine.batch}/`)).toEqual([
      `castdesk-quarantine/${emptied.json.quarantine.batch}/${file?.key}`,
    ])
  })

  it('resumes a multipart upload after the process was killed, from its stored upload id and parts', async () => {
    const dir = await library({
      default: { type: 'local', location: 'media' },
      production: s3Storage(proxy.endpoint, 'prod', {
        prefix: 'resume',
        multipartThresholdMiB: 5,
        partSizeMiB: 5,
        partConcurrency: 2,
        requestTimeoutSeconds: 60,
      }),
    })
    const data = writeRandom(join(dir, 'media', 'cast_audio', 'long.mp3'), 23 * MiB)
    const env = credentialsEnv('production')
    proxy.clear()
    proxy.inject({ fault: 'stall', when: (r) => r.call === 'UploadPart' && (r.partNumber ?? 0) >= 3 })
    const run = startCli(['--library', dir, 'sync'], env)
    const storedParts = () => {
      const db = new Database(join(dir, 'library.sqlite'), { readonly: true, fileMustExist: true })
      try {
        return (db.prepare('SELECT count(*) AS n FROM multipart_parts').get() as { n: number }).n
      } catch {
        return 0
      } finally {
        db.close()
      }
    }
    await until(() => proxy.count('UploadPart', 200) >= 2, run)
    await until(() => storedParts() >= 2, run)
    run.child.kill('SIGKILL')
    expect((await run.done).signal).toBe('SIGKILL')
    expect(await s3.keys('prod', 'resume/')).toEqual([])

    proxy.clear()
    const resumed = await cliJson<SyncReport>(['--library', dir, 'sync'], env)
    expect(resumed.json).toMatchObject({ copied: 1, failures: [] })
    expect(proxy.count('CreateMultipartUpload')).toBe(0)
    expect(
      proxy.seen
        .filter((r) => r.call === 'UploadPart')
        .map((r) => r.partNumber)
        .sort(),
    ).toEqual([3, 4, 5])
    expect(await s3.sha256('prod', 'resume/cast_audio/long.mp3')).toBe(sha256(data))
    expect(storedParts()).toBe(0)
  })
})
