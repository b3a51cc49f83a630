import { execFileSync, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listFiles } from '../test/helpers/library-snapshot'
import { makeAudio, makeImage } from '../test/helpers/media-fixtures'
import { census, lost } from '../test/helpers/storage-census'
import { credentialsEnv } from '../test/integration/storage/support/s3-fixtures'
import { type S3TestServer, startS3Server } from '../test/integration/storage/support/s3-server'
import { cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure, settleWithin, Tally } from './lib/figures'

/**
 * 7. Storages. Media on a "disk" (default), production and backup beside it. Each case breaks a
 * storage the way a person's setup breaks (the disk unplugged, an empty mount point, another
 * library's disk, an emptied S3 prefix) or imports the folder that holds the library, and then runs
 * doctor, import, sync --delete, media_stale --delete, media_backup and publish. Every command must
 * be refused with the storage's code or survive; a SHA-256 census of every storage before and after
 * must lose nothing; no folder may appear in place of a missing storage; none of the library's own
 * files may be imported.
 */

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-storages-'))
const template = join(root, 'template', 'Castdesk')
const env = credentialsEnv('production')
const commands = new Tally()
const files = new Tally()
const places = new Tally()
const ownFiles = new Tally()
const notes: string[] = []
let s3: S3TestServer
let caseNumber = 0

const LIBRARY_FILES = ['library.sqlite', 'castdesk.config.json']
const COMMANDS: { name: string; args: string[] }[] = [
  { name: 'doctor', args: ['--json', 'doctor'] },
  { name: 'import', args: ['import'] },
  { name: 'sync --delete', args: ['sync', '--delete'] },
  { name: 'media_stale --delete', args: ['media_stale', '--delete'] },
  { name: 'media_backup', args: ['media_backup'] },
  { name: 'publish', args: ['publish'] },
]

interface Case {
  name: string
  /** The library folder, and the folders of its local storages. */
  dir: string
  inbox: string
  /** What each command must do: exit 1 with this code (refused), or exit 0 (survived). */
  expect: Record<string, string | 'survive'>
  /** Folders that must not exist after the case (a storage that is not there). */
  absent?: string[]
  s3?: string
}

function config(dir: string, production: Record<string, unknown>): void {
  writeFileSync(
    join(dir, 'castdesk.config.json'),
    JSON.stringify({
      storages: {
        default: { type: 'local', location: 'media' },
        production,
        backup: { type: 'local', location: 'backup' },
      },
    }),
  )
}

/** The CLI in a child process, awaited: the S3 server answers from this process meanwhile. */
async function cli(dir: string, args: string[]) {
  const run = await runCliProcess(['--library', dir, ...args], { env, timeoutMs: 240_000 })
  return { code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr }
}

async function cliMust(dir: string, args: string[]): Promise<void> {
  const run = await cli(dir, args)
  if (run.code !== 0) throw new Error(`castdesk ${args.join(' ')} exited ${run.code}:\n${run.stderr}`)
}

/** A fresh copy of the template library under `case-N/Podcast/Castdesk`, with an inbox to import. */
async function freshCase(): Promise<{ dir: string; inbox: string; podcast: string }> {
  caseNumber++
  const podcast = join(root, `case-${caseNumber}`, 'Podcast')
  const dir = join(podcast, 'Castdesk')
  cpSync(template, dir, { recursive: true })
  const inbox = join(root, `case-${caseNumber}`, 'inbox')
  mkdirSync(inbox)
  makeAudio(join(inbox, `new-${caseNumber}.mp3`), 'mp3', { seconds: 1, frequency: 300 + caseNumber * 40 })
  return { dir, inbox, podcast }
}

function storagesCensus(c: Case): Map<string, string> {
  return census({
    media: join(c.dir, 'media'),
    production: join(c.dir, 'production'),
    backup: join(c.dir, 'backup'),
  })
}

async function s3Census(bucket: string | undefined): Promise<Map<string, string>> {
  const objects = new Map<string, string>()
  if (!bucket) return objects
  for (const key of await s3.allKeys(bucket)) objects.set(`s3/${key}`, await s3.sha256(bucket, key))
  return objects
}

/** Runs every command on a broken (or tricky) setup, counting refusals, survivals and files. */
async function runCase(c: Case): Promise<void> {
  const before = new Map([...storagesCensus(c), ...(await s3Census(c.s3))])
  for (const command of COMMANDS) {
    const args = command.name === 'import' ? ['--json', 'import', c.inbox] : command.args
    const run = await cli(c.dir, args)
    const wanted = c.expect[command.name] ?? 'survive'
    await commands.attempt(`${c.name} / ${command.name}`, () => {
      if (wanted === 'survive')
        return run.code === 0 ? [] : [`exited ${run.code}: ${(run.stderr || run.stdout).slice(0, 400)}`]
      const problems: string[] = []
      if (run.code !== 1) problems.push(`exited ${run.code}, not 1`)
      if (!`${run.stdout}${run.stderr}`.includes(wanted))
        problems.push(`no ${wanted}: ${run.stderr.slice(0, 300)}`)
      if (!/storages init|Connect the disk|this library's own folder/.test(`${run.stdout}${run.stderr}`))
        problems.push('the sentence names no fix')
      return problems
    })
    if (command.name === 'import' && run.code === 0) countOwnFiles(c, run.stdout)
  }
  const after = new Map([...storagesCensus(c), ...(await s3Census(c.s3))])
  const gone = lost(before, after)
  files.tried += before.size
  files.ok += before.size - gone.length
  if (gone.length) files.failures.push(`${c.name}: lost ${gone.slice(0, 5).join(', ')}`)
  for (const path of c.absent ?? [])
    places.add(`${c.name}: ${path}`, existsSync(path) ? [`${path} was created`] : [])
}

/**
 * Every file of the library folder (database, config, logs, media) offered to an import must be
 * passed over: none may come back imported (or as a duplicate of a stored file).
 */
function countOwnFiles(c: Case, stdout: string): void {
  const outcomes = JSON.parse(stdout) as { path: string; status: string }[]
  const taken = outcomes.filter(
    (o) => (o.path === c.dir || o.path.startsWith(c.dir + sep)) && o.status !== 'skipped',
  )
  if (!outcomes.some((o) => o.path === c.dir && o.status === 'skipped')) return
  for (const path of listFiles(c.dir)) {
    const problems = taken.filter((o) => o.path === path).map((o) => `${o.status}`)
    ownFiles.add(`${c.name}: ${path}`, problems)
  }
  for (const outcome of taken) ownFiles.failures.push(`${c.name}: ${outcome.path} ${outcome.status}`)
}

describe('7. Storages', () => {
  beforeAll(async () => {
    s3 = await startS3Server([])
    mkdirSync(template, { recursive: true })
    config(template, { type: 'local', location: 'production' })
    cliOk(['--library', template, 'init'])
    cliOk(['--library', template, 'storages', 'init', 'production'])
    cliOk(['--library', template, 'storages', 'init', 'backup'])
    const sources = join(root, 'sources')
    mkdirSync(sources)
    makeAudio(join(sources, 'ep1.mp3'), 'mp3', { seconds: 1 })
    makeAudio(join(sources, 'ep2.mp3'), 'mp3', { seconds: 1, frequency: 550 })
    await makeImage(join(sources, 'cover.png'), 'png', { width: 64, height: 64 })
    cliOk(['--library', template, 'import', sources])
    cliOk([
      '--library',
      template,
      'podcast',
      'init',
      '--title',
      'Show',
      '--base-url',
      'https://example.org/show/',
    ])
    cliOk(['--library', template, 'sync'])
    cliOk(['--library', template, 'media_backup'])
  }, 600_000)

  afterAll(async () => {
    for (const entry of readdirSync(root, { recursive: true }) as string[]) {
      if (entry.endsWith(`${sep}media`)) spawnSync('umount', [join(root, entry)], { stdio: 'ignore' })
    }
    await settleWithin(5000, s3?.stop())
    rmSync(root, { recursive: true, force: true })
  })

  const refusedForDefault = (code: string) => ({
    doctor: code,
    import: code,
    'sync --delete': code,
    publish: code,
  })

  it('refuses a missing, unmarked or foreign storage, and survives an import of the library, losing nothing', async () => {
    {
      const { dir, inbox } = await freshCase()
      renameSync(join(dir, 'media'), join(dir, 'media-unplugged'))
      await runCase({
        name: 'missing local root',
        dir,
        inbox,
        expect: refusedForDefault('storage_missing'),
        absent: [join(dir, 'media')],
      })
      renameSync(join(dir, 'media-unplugged'), join(dir, 'media'))
    }
    {
      const { dir, inbox } = await freshCase()
      renameSync(join(dir, 'media'), join(dir, 'media-unplugged'))
      mkdirSync(join(dir, 'media'))
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', join(dir, 'media')])
      try {
        await runCase({
          name: 'empty mount point',
          dir,
          inbox,
          expect: refusedForDefault('storage_unmarked'),
        })
        places.add(
          'empty mount point: nothing written onto it',
          readdirSync(join(dir, 'media')).map((n) => `wrote ${n}`),
        )
      } finally {
        execFileSync('umount', [join(dir, 'media')])
      }
    }
    {
      const { dir, inbox } = await freshCase()
      renameSync(join(dir, 'media'), join(dir, 'media-theirs'))
      mkdirSync(join(dir, 'media'))
      writeFileSync(
        join(dir, 'media', '.castdesk-storage.json'),
        JSON.stringify({
          format: 1,
          libraryId: '00000000-0000-4000-8000-000000000000',
          storage: 'default',
          created: '',
        }),
      )
      await runCase({
        name: "another library's marker",
        dir,
        inbox,
        expect: refusedForDefault('storage_foreign'),
      })
      places.add(
        "another library's marker: nothing written beside it",
        readdirSync(join(dir, 'media'))
          .filter((n) => n !== '.castdesk-storage.json')
          .map((n) => `wrote ${n}`),
      )
    }
    for (const emptied of ['marker', 'everything'] as const) {
      const { dir, inbox } = await freshCase()
      const bucket = `emptied-${emptied}`
      await s3.createBucket(bucket)
      config(dir, {
        type: 's3',
        bucket,
        endpoint: s3.endpoint,
        forcePathStyle: true,
        requestTimeoutSeconds: 5,
      })
      await cliMust(dir, ['storages', 'init', 'production'])
      await cliMust(dir, ['sync'])
      const keys = await s3.allKeys(bucket)
      for (const key of keys)
        if (emptied === 'everything' || key === '.castdesk-storage.json') await s3.remove(bucket, key)
      await runCase({
        name: `S3 prefix emptied (${emptied})`,
        dir,
        inbox,
        s3: bucket,
        expect: {
          doctor: 'storage_unmarked',
          'sync --delete': 'storage_unmarked',
          'media_stale --delete': 'storage_unmarked',
          media_backup: 'storage_unmarked',
          publish: 'storage_unmarked',
        },
      })
      const kept = emptied === 'everything' ? [] : keys.filter((key) => key !== '.castdesk-storage.json')
      const left = (await s3.allKeys(bucket)).filter((key) => !kept.includes(key))
      places.add(
        `S3 prefix emptied (${emptied}): nothing uploaded to it`,
        left.map((key) => `uploaded ${key}`),
      )
    }
    {
      const { dir, podcast } = await freshCase()
      makeAudio(join(podcast, 'beside-the-library.mp3'), 'mp3', { seconds: 1, frequency: 880 })
      await runCase({ name: 'import of the folder that holds the library', dir, inbox: podcast, expect: {} })
      const listed = JSON.parse((await cli(dir, ['--json', 'list'])).stdout) as { title: string }[]
      for (const name of LIBRARY_FILES)
        ownFiles.add(
          `listed ${name}`,
          listed.some((item) => item.title === name.split('.')[0]) ? ['imported'] : [],
        )
    }
    notes.push(`${caseNumber} cases × ${COMMANDS.length} commands`)

    const figures = [
      recordFigure({
        section: 'storages',
        name: 'commands on a broken storage',
        measure: 'refused with the code or survived / run',
        tried: commands.tried,
        ok: commands.ok,
        failures: commands.failures,
        notes,
      }),
      recordFigure({
        section: 'storages',
        name: 'files kept (SHA-256 census)',
        measure: 'files intact / in every storage before',
        tried: files.tried,
        ok: files.ok,
        failures: files.failures,
      }),
      recordFigure({
        section: 'storages',
        name: 'no storage made in its place',
        measure: 'places left untouched / checked',
        tried: places.tried,
        ok: places.ok,
        failures: places.failures,
      }),
      recordFigure({
        section: 'storages',
        name: "library's own files not imported",
        measure: 'own files skipped / offered',
        tried: ownFiles.tried,
        ok: ownFiles.ok,
        failures: ownFiles.failures,
      }),
    ]
    for (const figure of figures) expect(figure.failures, figure.name).toEqual([])
  }, 1_800_000)
})
