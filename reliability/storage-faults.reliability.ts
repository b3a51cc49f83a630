import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MARKER_KEY } from '../src/main/storage/reserved-keys'
import { sha256File } from '../test/helpers/library-snapshot'
import { makeDir } from '../test/helpers/media-fixtures'
import { CLI } from '../test/helpers/run-cli'
import { type Fault, FaultProxy, type S3Call } from '../test/integration/storage/support/fault-proxy'
import { credentialsEnv, writeRandom } from '../test/integration/storage/support/s3-fixtures'
import { type S3TestServer, startS3Server } from '../test/integration/storage/support/s3-server'
import { cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure, settleWithin, Tally } from './lib/figures'
import { storedKeys } from './lib/library-check'
import { checkBucket } from './lib/s3-check'

/**
 * 3. Storage faults. A sync runs through a fault-injecting proxy in front of the local S3 server
 * (which, like real S3, gets only whole request bodies). A transient fault must be survived: the
 * sync completes and every object is whole with its SHA-256. A fault that does not go away must
 * stop the sync (or the file) with a clear error, leave no corrupted object, and a later sync must
 * complete. A local backup folder on a 2 MiB filesystem must run out of space cleanly.
 */

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-storage-'))
const template = join(root, 'template')
const env = { ...credentialsEnv('production') }
const tally = new Tally()
const notes: string[] = []
let s3: S3TestServer
let proxy: FaultProxy
let source = new Map<string, string>()
let caseNumber = 0

interface SyncJson {
  copied?: number
  failures?: { key: string; code: string; message: string }[]
  error?: { code: string; message: string }
}

function config(dir: string, storages: Record<string, unknown>): void {
  writeFileSync(
    join(dir, 'castdesk.config.json'),
    JSON.stringify({ storages: { default: { type: 'local', location: 'media' }, ...storages } }),
  )
}

const s3Entry = (bucket: string, extra: Record<string, unknown> = {}) => ({
  type: 's3',
  bucket,
  endpoint: proxy.endpoint,
  forcePathStyle: true,
  multipartThresholdMiB: 5,
  partSizeMiB: 5,
  partConcurrency: 2,
  requestTimeoutSeconds: 1,
  ...extra,
})

/** A fresh copy of the library, syncing to a fresh bucket through the proxy. */
async function freshCase(bucketExists = true, extra: Record<string, unknown> = {}) {
  caseNumber++
  const dir = join(root, `case-${caseNumber}`)
  cpSync(template, dir, { recursive: true })
  const bucket = `faults-${caseNumber}`
  if (bucketExists) await s3.createBucket(bucket)
  config(dir, { production: s3Entry(bucket, extra) })
  // A storage configured after `init` is set up the one way a storage is (a missing bucket cannot be).
  if (bucketExists) await initProduction(dir)
  return { dir, bucket }
}

/** Sets up the `production` storage the one way a storage is set up. */
async function initProduction(dir: string): Promise<void> {
  const setUp = await runCliProcess(['--library', dir, 'storages', 'init', 'production'], { env })
  if (setUp.code !== 0) throw new Error(`storages init production failed: ${setUp.stderr}`)
}

/** The bucket as the sync must leave it, and its marker never lost. */
async function checkSynced(bucket: string, complete: boolean): Promise<string[]> {
  const problems = await checkBucket(s3, bucket, source, complete)
  if (!(await s3.allKeys(bucket)).includes(MARKER_KEY))
    problems.push(`s3 lost the storage's marker ${MARKER_KEY}`)
  return problems
}

async function sync(dir: string, ...extra: string[]) {
  const run = await runCliProcess(['--library', dir, '--json', 'sync', '--to', 'production', ...extra], {
    env,
    timeoutMs: 240_000,
  })
  let json: SyncJson = {}
  try {
    json = JSON.parse(run.stdout) as SyncJson
  } catch {
    json = { error: { code: 'none', message: `no JSON: ${run.stderr.slice(0, 300)}` } }
  }
  return { ...run, json }
}

function clear(error: { code: string; message: string } | undefined, codes: string[]): string[] {
  if (!error) return ['no error given']
  const problems: string[] = []
  if (!codes.includes(error.code)) problems.push(`code ${error.code}, expected ${codes.join(' or ')}`)
  if (error.message.length < 30) problems.push(`message too short: ${error.message}`)
  return problems
}

function injectedCount(fault: Fault, call: S3Call): number {
  return proxy.seen.filter((r) => r.fault === fault && r.call === call).length
}

describe('3. storage faults', () => {
  beforeAll(async () => {
    s3 = await startS3Server()
    proxy = await new FaultProxy(s3.port, { wholeBodies: true }).start()
    cliOk(['--library', template, '--user', 'ann', 'init'])
    const folder = makeDir(root, 'files')
    for (let i = 0; i < 10; i++) writeRandom(join(folder, `asset-${i}.bin`), 1500 + ((i * 7919) % 200_000))
    writeRandom(join(folder, 'episode-master.bin'), 11 * 1024 * 1024 + 5)
    cliOk(['--library', template, '--user', 'ann', 'import', folder])
    const media = join(template, 'media')
    source = new Map(storedKeys(media).map((key) => [key, sha256File(join(media, key))]))
  }, 300_000)
  afterAll(async () => {
    // A lingering keep-alive connection must not hold the suite: stopping gets 10 s.
    await settleWithin(10_000, proxy?.stop())
    await settleWithin(10_000, s3?.stop())
    rmSync(root, { recursive: true, force: true })
  })

  const transient: [Fault, S3Call, number][] = [
    ['status500', 'PutObject', 3],
    ['slowDown503', 'PutObject', 3],
    ['resetRequest', 'PutObject', 2],
    ['resetResponse', 'PutObject', 2],
    ['stall', 'PutObject', 1],
    ['status500', 'CreateMultipartUpload', 1],
    ['slowDown503', 'CreateMultipartUpload', 1],
    ['status500', 'UploadPart', 2],
    ['slowDown503', 'UploadPart', 1],
    ['resetRequest', 'UploadPart', 1],
    ['resetResponse', 'UploadPart', 1],
    ['stall', 'UploadPart', 1],
    ['resetResponse', 'CompleteMultipartUpload', 1],
    ['status500', 'ListObjectsV2', 2],
    ['resetRequest', 'ListObjectsV2', 1],
  ]
  for (const [fault, call, times] of transient) {
    it(`transient: ${fault} on ${call} ×${times}`, async () => {
      const { dir, bucket } = await freshCase()
      proxy.clear()
      proxy.inject({ fault, when: (r) => r.call === call, times })
      const run = await sync(dir, ...(call === 'ListObjectsV2' ? ['--verify'] : []))
      const problems: string[] = []
      if (injectedCount(fault, call) !== times)
        problems.push(`injected ${injectedCount(fault, call)} of ${times}`)
      if (run.code !== 0)
        problems.push(
          `exit ${run.code ?? run.signal}: ${run.json.error?.message ?? run.stderr.slice(0, 200)}`,
        )
      if (run.json.failures?.length)
        problems.push(`failures: ${run.json.failures.map((f) => f.key).join(', ')}`)
      problems.push(...(await checkSynced(bucket, true)))
      tally.add(`${fault} on ${call} ×${times}`, problems)
      proxy.clear()
    })
  }

  /** A fault that stays: a clear error, nothing corrupted, and once it is gone a sync completes. */
  async function persistent(label: string, setup: () => void, codes: string[], scope: 'all' | string) {
    const { dir, bucket } = await freshCase()
    proxy.clear()
    setup()
    const run = await sync(dir)
    const problems: string[] = []
    if (!proxy.seen.some((r) => r.fault)) problems.push('the fault was never injected')
    if (run.code !== 1) problems.push(`exit ${run.code ?? run.signal}, expected 1`)
    if (scope === 'all') {
      problems.push(...clear(run.json.error ?? run.json.failures?.[0], codes))
    } else {
      // Either that file fails on its own, or the sync stops there with a clear error.
      const failed = run.json.failures ?? []
      if (run.json.error) problems.push(...clear(run.json.error, codes))
      else if (failed.length !== 1 || failed[0]?.key !== scope)
        problems.push(`failures: ${JSON.stringify(failed).slice(0, 300)}`)
      else problems.push(...clear(failed[0], codes))
    }
    problems.push(...(await checkSynced(bucket, false)))
    proxy.clear()
    const again = await sync(dir)
    if (again.code !== 0)
      problems.push(`once the fault was gone, the sync exited ${again.code}: ${again.stderr.slice(0, 200)}`)
    problems.push(...(await checkSynced(bucket, true)).map((p) => `after recovery: ${p}`))
    tally.add(label, problems)
  }

  it('persistent: 403 AccessDenied on every upload', async () => {
    await persistent(
      '403 on every PutObject/UploadPart/CreateMultipartUpload',
      () =>
        proxy.inject({
          fault: 'forbidden403',
          when: (r) => ['PutObject', 'CreateMultipartUpload', 'UploadPart'].includes(r.call),
        }),
      ['storage_denied'],
      'all',
    )
  })

  it('persistent: 403 on one key', async () => {
    await persistent(
      '403 on one key',
      () => proxy.inject({ fault: 'forbidden403', when: (r) => r.key === 'cast_files/asset-3.bin' }),
      ['storage_denied'],
      'cast_files/asset-3.bin',
    )
  })

  it('persistent: 500 on one key, past every retry', async () => {
    await persistent(
      '500 on one key, every attempt',
      () => proxy.inject({ fault: 'status500', when: (r) => r.key === 'cast_files/asset-5.bin' }),
      ['storage_error'],
      'cast_files/asset-5.bin',
    )
  })

  it('persistent: 503 SlowDown on one key, past every retry', async () => {
    await persistent(
      '503 SlowDown on one key, every attempt',
      () => proxy.inject({ fault: 'slowDown503', when: (r) => r.key === 'cast_files/asset-7.bin' }),
      ['storage_error', 'storage_unreachable'],
      'cast_files/asset-7.bin',
    )
  })

  it('persistent: every request stalls past the timeout', async () => {
    await persistent(
      'stall on every request',
      () => proxy.inject({ fault: 'stall', when: () => true }),
      ['storage_unreachable', 'storage_error'],
      'all',
    )
  })

  it('persistent: every connection is reset', async () => {
    await persistent(
      'reset on every request',
      () => proxy.inject({ fault: 'resetRequest', when: () => true }),
      ['storage_unreachable', 'storage_error'],
      'all',
    )
  })

  it('a missing bucket', async () => {
    const { dir, bucket } = await freshCase(false)
    proxy.clear()
    const run = await sync(dir)
    const problems = [
      ...(run.code === 1 ? [] : [`exit ${run.code ?? run.signal}`]),
      // A bucket that does not exist is a missing storage, named as such.
      ...clear(run.json.error ?? run.json.failures?.[0], ['storage_missing']),
    ]
    const message = run.json.error?.message ?? run.json.failures?.[0]?.message ?? ''
    if (!message.includes(bucket)) problems.push(`the message does not name the bucket: ${message}`)
    await s3.createBucket(bucket)
    if ((await s3.keys(bucket)).length) problems.push('objects appeared in a bucket that did not exist')
    // Once the bucket exists, the storage is set up the one way a storage is, and a sync completes.
    await initProduction(dir)
    const again = await sync(dir)
    if (again.code !== 0) problems.push(`once the bucket existed, the sync exited ${again.code}`)
    problems.push(...(await checkSynced(bucket, true)))
    tally.add('missing bucket', problems)
  })

  it('a local backup folder that runs out of space', async () => {
    const { dir } = await freshCase()
    const backup = join(dir, 'backup')
    mkdirSync(backup)
    config(dir, { backup: { type: 'local', location: 'backup' } })
    // A 2 MiB filesystem mounted on the backup folder, in a user and mount namespace of its own.
    const listing = `const{readdirSync,statSync,readFileSync}=require('fs');const{join,relative}=require('path');const c=require('crypto');const out={};const walk=d=>{for(const n of readdirSync(d)){const p=join(d,n);statSync(p).isDirectory()?walk(p):out[relative(process.argv[1],p)]=c.createHash('sha256').update(readFileSync(p)).digest('hex')}};walk(process.argv[1]);console.log('LISTING '+JSON.stringify(out))`
    const script = [
      'set -e',
      `mount -t tmpfs -o size=2m tmpfs "${backup}"`,
      `"${process.execPath}" "${CLI}" --library "${dir}" storages init backup >/dev/null`,
      `"${process.execPath}" "${CLI}" --library "${dir}" --json sync --to backup || echo "EXIT $?"`,
      `"${process.execPath}" -e "${listing.replace(/"/g, '\\"')}" "${backup}"`,
    ].join('\n')
    const run = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 180_000,
    })
    if (run.error || (run.status !== 0 && !/LISTING/.test(run.stdout))) {
      notes.push(
        `out-of-space not injected: no user/mount namespace here (${run.error?.message ?? run.stderr.trim()})`,
      )
      return
    }
    const problems: string[] = []
    const exit = /EXIT (\d+)/.exec(run.stdout)?.[1]
    if (exit !== '1') problems.push(`exit ${exit ?? 0}, expected 1`)
    const report = JSON.parse(run.stdout.slice(0, run.stdout.indexOf('EXIT')).trim() || '{}') as SyncJson
    const first = report.error ?? report.failures?.[0]
    problems.push(...clear(first, ['disk_full']))
    const files = JSON.parse(/LISTING (.*)/.exec(run.stdout)?.[1] ?? '{}') as Record<string, string>
    // The storage's marker, written on the fresh filesystem by `storages init backup`, is not media.
    delete files['.castdesk-storage.json']
    for (const [key, sha] of Object.entries(files)) {
      if (key.startsWith('.castdesk-tmp/')) problems.push(`a temporary file was left: ${key}`)
      else if (source.get(key) !== sha) problems.push(`${key}: partial or wrong content in the backup`)
    }
    const db = new Database(join(dir, 'library.sqlite'), { readonly: true })
    const rows = db
      .prepare<[], { key: string; sha256: string }>(
        "SELECT storage_key AS key, sha256 FROM storage_manifest WHERE storage = 'backup'",
      )
      .all()
    db.close()
    for (const row of rows)
      if (files[row.key] !== row.sha256) problems.push(`manifest lists ${row.key}, not in the backup as such`)
    notes.push(
      `out of space: ${Object.keys(files).length} whole files fit before the disk was full; ${first?.message ?? ''}`,
    )
    tally.add('local backup folder out of space (2 MiB tmpfs)', problems)
  })

  it('records the figure', () => {
    recordFigure({
      section: 'storage',
      name: 'storage faults',
      measure: 'faults survived / injected',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
      notes,
    })
    expect(tally.failures).toEqual([])
  })
})
