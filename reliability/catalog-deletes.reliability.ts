import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MARKER_KEY } from '../src/main/storage/reserved-keys'
import { listFiles } from '../test/helpers/library-snapshot'
import { makeAudio, makeDir, makeImage } from '../test/helpers/media-fixtures'
import { censusBucket, censusDir, lost } from '../test/integration/storage/support/census'
import { credentialsEnv } from '../test/integration/storage/support/s3-fixtures'
import { type S3TestServer, startS3Server } from '../test/integration/storage/support/s3-server'
import { runCliProcess } from './lib/cli-process'
import { recordFigure, settleWithin, Tally } from './lib/figures'
import { SCALE } from './lib/scale'

/**
 * Catalog: the removing commands against a catalog that does not know every file. An older copy of
 * the database put back (files imported since are newer than it), a catalog emptied of its items,
 * and a source whose referenced files were deleted by hand — each followed by media_stale --delete
 * and sync --delete against a local folder and an S3 bucket, with a SHA-256 census of every storage
 * before and after: no file may be lost (a file moved into a quarantine counts as lost here too,
 * since none of these files may be removed at all).
 */

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-catalog-deletes-'))
const template = join(root, 'template')
const olderCatalog = join(root, 'older.sqlite')
const env = credentialsEnv('production')
const FILES = SCALE === 'ci' ? 3 : 12
const tally = new Tally()
let s3: S3TestServer
let caseNumber = 0
const totals = { cases: 0, censused: 0, lost: 0, newerListed: 0, onlyCopyReported: 0, refused: 0 }

interface Run {
  code: number | null
  json: Record<string, unknown> & { error?: { code: string; message: string } }
  stderr: string
}

/** The real CLI in a child process, not blocking this one: the S3 server lives here. */
async function cli(dir: string, ...args: string[]): Promise<Run> {
  const result = await runCliProcess(['--library', dir, '--user', 'ann', '--json', ...args], {
    env,
    timeoutMs: 300_000,
  })
  let json: Run['json'] = {}
  try {
    json = JSON.parse(result.stdout)
  } catch {
    json = {}
  }
  return { code: result.code, json, stderr: result.stderr }
}

function configure(dir: string, production: Record<string, unknown>): void {
  const path = join(dir, 'castdesk.config.json')
  const config = JSON.parse(readFileSync(path, 'utf8'))
  config.storages = { default: { type: 'local', location: 'media' }, production }
  writeFileSync(path, JSON.stringify(config, null, 2))
}

/** A copy of the template library with a fresh production: a folder, or a bucket on s3rver. */
async function freshCase(kind: 'local' | 's3') {
  caseNumber++
  totals.cases++
  const dir = join(root, `case-${caseNumber}`)
  cpSync(template, dir, { recursive: true })
  const bucket = `catalog-${caseNumber}`
  const folder = join(root, `production-${caseNumber}`)
  if (kind === 's3') await s3.createBucket(bucket)
  configure(
    dir,
    kind === 's3'
      ? { type: 's3', bucket, endpoint: s3.endpoint, forcePathStyle: true, requestTimeoutSeconds: 5 }
      : { type: 'local', location: folder },
  )
  // A storage root is made only by `storages init` (its marker).
  const init = await cli(dir, 'storages', 'init', 'production')
  if (init.code !== 0) throw new Error(`storages init production exited ${init.code}: ${init.stderr}`)
  const census = async () => ({
    media: censusDir(join(dir, 'media')),
    production: kind === 's3' ? await censusBucket(s3, bucket) : censusDir(folder),
  })
  /** Every file of both storages written a day ago (so that only the catalog can keep them). */
  const age = async () => {
    const dayAgo = new Date(Date.now() - 86_400_000)
    for (const path of [...listFiles(join(dir, 'media')), ...(kind === 'local' ? listFiles(folder) : [])])
      utimesSync(path, dayAgo, dayAgo)
    if (kind === 's3') for (const key of await s3.keys(bucket)) s3.age(bucket, key, dayAgo)
  }
  return { dir, census, age }
}

type Census = { media: Map<string, string>; production: Map<string, string> }

function compare(before: Census, after: Census): string[] {
  const gone = [
    ...lost(before.media, after.media).map((k) => `default lost ${k}`),
    ...lost(before.production, after.production).map((k) => `production lost ${k}`),
  ]
  totals.censused += before.media.size + before.production.size
  totals.lost += gone.length
  return gone
}

async function importInto(dir: string, name: string, count: number, seed: number): Promise<void> {
  const inbox = makeDir(root, `inbox-${name}`)
  for (let i = 0; i < count; i++) await makeImage(join(inbox, `${name}-${i}.png`), 'png', { seed: seed + i })
  makeAudio(join(inbox, `${name}.mp3`), 'mp3', { seconds: 1 + (seed % 3) })
  const run = await cli(dir, 'import', inbox)
  if (run.code !== 0) throw new Error(`import failed: ${run.stderr}`)
}

describe('catalog: removing commands against a catalog that does not know every file', () => {
  beforeAll(async () => {
    s3 = await startS3Server()
    expect((await cli(template, 'init')).code).toBe(0)
    await importInto(template, 'first', FILES, 1)
    // The catalog as it was then: the "older copy" later cases put back.
    const db = new Database(join(template, 'library.sqlite'))
    db.exec(`VACUUM INTO '${olderCatalog}'`)
    db.close()
    await importInto(template, 'later', FILES, 100)
  })
  afterAll(async () => {
    await settleWithin(5000, s3?.stop())
    rmSync(root, { recursive: true, force: true })
  })

  for (const kind of ['local', 's3'] as const) {
    it(`an older database, then media_stale --delete and sync --delete (${kind} production)`, async () => {
      await tally.attempt(`older database (${kind})`, async () => {
        const { dir, census } = await freshCase(kind)
        const problems: string[] = []
        if ((await cli(dir, 'sync')).code !== 0) problems.push('the first sync failed')
        cpSync(olderCatalog, join(dir, 'library.sqlite'))
        rmSync(join(dir, 'library.sqlite-wal'), { force: true })
        rmSync(join(dir, 'library.sqlite-shm'), { force: true })
        // A realistic timeline: the copy is from yesterday, the files it knows from the day before.
        const db = new Database(join(dir, 'library.sqlite'))
        const known = db.prepare<[], { key: string }>('SELECT storage_key AS key FROM blobs').all()
        db.prepare('UPDATE catalog_last_write SET at = ?').run(
          new Date(Date.now() - 86_400_000).toISOString(),
        )
        db.close()
        const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000)
        for (const { key } of known) utimesSync(join(dir, 'media', key), twoDaysAgo, twoDaysAgo)
        const before = await census()
        for (const storage of ['default', 'production']) {
          const stale = await cli(dir, 'media_stale', '--storage', storage, '--delete')
          const newer = (stale.json.newer as unknown[] | undefined)?.length ?? 0
          totals.newerListed += newer
          if (stale.code !== 0) problems.push(`media_stale ${storage} exited ${stale.code}: ${stale.stderr}`)
          if (newer < FILES)
            problems.push(`media_stale ${storage} listed ${newer} newer files, not ${FILES}+`)
        }
        const sync = await cli(dir, 'sync', '--delete')
        if (sync.code !== 0) problems.push(`sync --delete exited ${sync.code}: ${sync.stderr}`)
        return [...problems, ...compare(before, await census())]
      })
    })

    it(`a catalog emptied of items refuses every removal (${kind} production)`, async () => {
      await tally.attempt(`emptied catalog (${kind})`, async () => {
        const { dir, census, age } = await freshCase(kind)
        const problems: string[] = []
        if ((await cli(dir, 'sync')).code !== 0) problems.push('the first sync failed')
        await age()
        const db = new Database(join(dir, 'library.sqlite'))
        db.exec('PRAGMA foreign_keys = ON; DELETE FROM trash; DELETE FROM media;')
        db.close()
        const before = await census()
        const refused = async (...args: string[]) => {
          const run = await cli(dir, ...args)
          if (run.code === 1 && run.json.error?.code === 'catalog_empty') totals.refused++
          else problems.push(`${args.join(' ')}: exit ${run.code}, ${JSON.stringify(run.json.error ?? {})}`)
        }
        await refused('media_stale', '--storage', 'default', '--delete', '--max-delete', '100000')
        await refused('media_stale', '--storage', 'production', '--delete', '--max-delete', '100000')
        // And with the default storage's files gone too (the disk that lost the database):
        // everything in production would be an extra.
        const media = join(dir, 'media')
        renameSync(media, `${media}-aside`)
        mkdirSync(media)
        // Still this library's default (its marker), so that the catalog's guard is what answers;
        // an unmarked empty folder would be refused earlier, as storage_unmarked.
        cpSync(join(`${media}-aside`, MARKER_KEY), join(media, MARKER_KEY))
        await refused('sync', '--delete', '--max-delete', '100000')
        rmSync(media, { recursive: true })
        renameSync(`${media}-aside`, media)
        return [...problems, ...compare(before, await census())]
      })
    })

    it(`referenced files deleted from the source by hand survive sync --delete (${kind} production)`, async () => {
      await tally.attempt(`source files deleted by hand (${kind})`, async () => {
        const { dir, census } = await freshCase(kind)
        const problems: string[] = []
        if ((await cli(dir, 'sync')).code !== 0) problems.push('the first sync failed')
        const before = await census()
        const removed = [...before.media.keys()]
          .filter((key) => key.startsWith('original_images/'))
          .slice(0, 2)
        for (const key of removed) rmSync(join(dir, 'media', key))
        const sync = await cli(dir, 'sync', '--delete')
        const missing = ((sync.json.missing as { key: string }[] | undefined) ?? []).map((f) => f.key)
        totals.onlyCopyReported += missing.length
        if (sync.code !== 1) problems.push(`sync --delete exited ${sync.code}, not 1`)
        if (missing.sort().join() !== [...removed].sort().join()) problems.push(`missing listed ${missing}`)
        const back = await cli(dir, 'sync', '--from', 'production', '--to', 'default')
        if (back.code !== 0) problems.push(`the named command exited ${back.code}: ${back.stderr}`)
        return [...problems, ...compare(before, await census())]
      })
    })
  }

  it('records the figure', () => {
    recordFigure({
      section: 'catalog',
      name: 'catalog deletes',
      measure: 'cases with 0 files lost / tried',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
      values: {
        'files censused': totals.censused,
        'files lost': totals.lost,
        'newer files listed': totals.newerListed,
        'only copies reported': totals.onlyCopyReported,
        'removals refused': totals.refused,
      },
    })
    expect(tally.failures).toEqual([])
  })
})
