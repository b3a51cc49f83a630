import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { damageCatalog, databaseFingerprint } from '../test/helpers/catalog-damage'
import { listFiles, sha256File } from '../test/helpers/library-snapshot'
import { makeAudio, makeDir, makeImage } from '../test/helpers/media-fixtures'
import { cliJsonOk, cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure, Tally } from './lib/figures'
import { rng, SCALE } from './lib/scale'

/**
 * Catalog. A library with imported media and a synced local production folder gets its catalog
 * damaged (zero bytes, no schema, garbage, truncated at seeded offsets, seeded page damage,
 * another library's database, missing) and every ordinary command a person runs next (list,
 * media_stale --delete on both storages, sync --delete, trash empty, doctor) must refuse or work,
 * never say [internal], and delete nothing: a SHA-256 census of every file before and after.
 * Then the disk fills (a small tmpfs) during an import and during a chapter write.
 */

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-catalog-'))
const template = join(root, 'template')
const other = join(root, 'other')
const RANDOM_CASES = SCALE === 'ci' ? 3 : 10
const tally = new Tally()
const notes: string[] = []
const counts = { refused: 0, survived: 0, commands: 0, deleted: 0, internal: 0 }
let caseNumber = 0

const CATALOG_REFUSALS = new Set(['library_database_missing', 'library_damaged', 'library_mismatch'])
const FOLLOW_UPS: string[][] = [
  ['list'],
  ['media_stale', '--storage', 'default', '--delete'],
  ['media_stale', '--storage', 'production', '--delete'],
  ['sync', '--to', 'production', '--delete'],
  ['trash', 'empty'],
  ['doctor'],
]

/** Every file of the library folder's media and of the production folder, with its SHA-256. */
function census(caseDir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const dir of ['library/media', 'production'])
    for (const file of listFiles(join(caseDir, dir))) files.set(relative(caseDir, file), sha256File(file))
  return files
}

function lost(before: Map<string, string>, caseDir: string): string[] {
  const after = census(caseDir)
  const problems: string[] = []
  for (const [path, sha] of before) {
    if (!after.has(path)) problems.push(`${path} was deleted`)
    else if (after.get(path) !== sha) problems.push(`${path} changed`)
  }
  counts.deleted += problems.length
  return problems
}

async function makeCase(template: string): Promise<string> {
  caseNumber++
  const dir = join(root, `case-${caseNumber}`)
  assertInside(dir)
  cpSync(template, dir, { recursive: true })
  return dir
}

function assertInside(path: string): void {
  if (!path.startsWith(`${root}/`)) throw new Error(`${path} is outside the test folder`)
}

/** The commands a person runs next; each must refuse with a code (not internal) or work. */
async function followUps(caseDir: string, label: string): Promise<{ problems: string[]; refused: boolean }> {
  const library = join(caseDir, 'library')
  const problems: string[] = []
  let refused = false
  for (const command of FOLLOW_UPS) {
    const database = databaseFingerprint(library).sha256
    const run = await runCliProcess(['--library', library, ...command], { timeoutMs: 120_000 })
    counts.commands++
    const said = `${run.stdout}\n${run.stderr}`
    if (said.includes('[internal]') || said.includes('Something went wrong inside Castdesk')) {
      counts.internal++
      problems.push(`${command.join(' ')} said [internal]: ${run.stderr.trim().slice(0, 300)}`)
    }
    if (/^\s+at .+:\d+:\d+\)?$/m.test(run.stderr)) problems.push(`${command.join(' ')} printed a stack trace`)
    if (run.code !== 0) {
      const code = /\[([a-z_]+)\]\s*$/.exec(run.stderr.trim())?.[1]
      if (command[0] !== 'doctor' && !code)
        problems.push(`${command.join(' ')} exited ${run.code} without a code`)
      if (command[0] === 'list') refused = true
      if (code && CATALOG_REFUSALS.has(code) && databaseFingerprint(library).sha256 !== database)
        problems.push(`${command.join(' ')} refused with ${code} but changed the database file`)
    }
  }
  if (problems.length) problems.unshift(label)
  return { problems, refused }
}

async function catalogCase(label: string, damage: (library: string) => void): Promise<void> {
  await tally.attempt(label, async () => {
    const caseDir = await makeCase(template)
    const library = join(caseDir, 'library')
    const before = census(caseDir)
    damage(library)
    const { problems, refused } = await followUps(caseDir, label)
    if (refused) counts.refused++
    else counts.survived++
    problems.push(...lost(before, caseDir))
    return problems
  })
}

describe('catalog: damaged, missing or foreign databases', () => {
  beforeAll(async () => {
    for (const dir of [template, other]) {
      const library = join(dir, 'library')
      const source = makeDir(dir, 'source')
      makeAudio(join(source, 'episode.mp3'), 'mp3', { seconds: 2 })
      for (let seed = 1; seed <= 6; seed++)
        await makeImage(join(source, `picture-${seed}.png`), 'png', {
          width: 64,
          height: 48,
          seed: seed + dir.length,
        })
      cliOk(['--library', library, 'init'])
      const config = JSON.parse(readFileSync(join(library, 'castdesk.config.json'), 'utf8'))
      config.storages = { ...config.storages, production: { type: 'local', location: '../production' } }
      writeFileSync(join(library, 'castdesk.config.json'), JSON.stringify(config, null, 2))
      mkdirSync(join(dir, 'production'))
      cliOk(['--library', library, 'storages', 'init', 'production'])
      cliOk(['--library', library, 'import', '--no-jobs', source])
      cliOk(['--library', library, 'sync', '--to', 'production'])
      rmSync(source, { recursive: true })
    }
  }, 300_000)

  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('zero bytes, no schema, garbage, missing, another library', async () => {
    for (const kind of ['zero', 'no_schema', 'garbage', 'missing'] as const)
      await catalogCase(kind, (library) => damageCatalog(library, kind))
    await catalogCase('another library', (library) =>
      damageCatalog(library, 'foreign', join(other, 'library')),
    )
  })

  it('truncated at seeded offsets', async () => {
    const random = rng('catalog-truncate')
    for (let i = 0; i < RANDOM_CASES; i++) {
      const fraction = random()
      await catalogCase(`truncated at ${(fraction * 100).toFixed(1)}%`, (library) => {
        const db = join(library, 'library.sqlite')
        const bytes = readFileSync(db)
        writeFileSync(db, bytes.subarray(0, Math.max(1, Math.floor(bytes.length * fraction))))
      })
    }
  })

  it('seeded page damage', async () => {
    const random = rng('catalog-pages')
    for (let i = 0; i < RANDOM_CASES; i++) {
      const seedRandom = random()
      await catalogCase(`page damage #${i + 1}`, (library) => {
        const db = join(library, 'library.sqlite')
        const bytes = readFileSync(db)
        const pageSize = bytes.readUInt16BE(16)
        const pages = Math.floor(bytes.length / pageSize)
        const local = rng(`catalog-pages-${seedRandom}`)
        const damaged = 1 + Math.floor(local() * 3)
        for (let d = 0; d < damaged; d++) {
          const page = Math.floor(local() * pages)
          for (let at = page * pageSize; at < (page + 1) * pageSize; at++)
            bytes[at] = Math.floor(local() * 256)
        }
        writeFileSync(db, bytes)
      })
    }
  })
})

/** Mounts a `size` tmpfs on `dir` for `work`, unmounted in finally; null when mounting is not possible here. */
async function onTmpfs<T>(dir: string, size: string, work: () => Promise<T>): Promise<T | null> {
  assertInside(dir)
  mkdirSync(dir, { recursive: true })
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' })
  if (mount.status !== 0) {
    notes.push(`disk-full cases not run: cannot mount a tmpfs here (${mount.stderr.trim()})`)
    return null
  }
  try {
    return await work()
  } finally {
    spawnSync('umount', [dir])
  }
}

/** Fills the filesystem of `dir` until `leave` bytes are free. */
function fillDisk(dir: string, leave: number): void {
  const stats = statfsSync(dir)
  const free = stats.bavail * stats.bsize
  if (free > leave) writeFileSync(join(dir, 'filler.bin'), Buffer.alloc(free - leave, 1))
}

describe('catalog: the disk fills', () => {
  it('during an import and during a chapter write', async () => {
    const mountPoint = join(root, 'small-disk')
    const sources = makeDir(root, 'big-sources')
    for (let seed = 1; seed <= 4; seed++)
      await makeImage(join(sources, `large-${seed}.png`), 'png', {
        width: 400,
        height: 400,
        seed: 100 + seed,
      })
    const audio = makeAudio(join(root, 'chaptered.mp3'), 'mp3', { seconds: 20 })
    const chapters = join(root, 'chapters.txt')
    writeFileSync(chapters, '00:00:00.000 Intro\n00:00:05.000 Main topic\n00:00:12.000 Goodbye\n')

    const ran = await onTmpfs(mountPoint, '4m', async () => {
      const library = join(mountPoint, 'library')
      cliOk(['--library', library, 'init'])
      const [imported] = cliJsonOk<{ id: number }[]>(['--library', library, 'import', '--no-jobs', audio])
      const audioId = imported?.id as number
      cliOk(['--library', library, 'audio', 'chapters', String(audioId), '--import', chapters])
      const before = new Map(
        listFiles(join(library, 'media')).map((file) => [relative(mountPoint, file), sha256File(file)]),
      )
      fillDisk(mountPoint, 150 * 1024)

      await tally.attempt('disk fills during an import', async () => {
        const run = await runCliProcess(['--library', library, '--json', 'import', '--no-jobs', sources])
        const problems: string[] = []
        if (run.code !== 1) problems.push(`import exited ${run.code}, expected 1`)
        if (!/disk_full/.test(run.stdout + run.stderr)) problems.push('no disk_full error was reported')
        const codes = [...(run.stdout + run.stderr).matchAll(/"code": "([a-z_]+)"/g)].map((m) => m[1])
        notes.push(`import on a full disk: ${[...new Set(codes)].join(', ')}`)
        if (/\[internal\]|"internal"/.test(run.stdout + run.stderr)) {
          counts.internal++
          problems.push('an [internal] message')
        }
        return problems
      })

      await tally.attempt('disk fills during a chapter write', async () => {
        const run = await runCliProcess(['--library', library, 'audio', 'write-chapters', String(audioId)])
        const problems: string[] = []
        const code = /\[([a-z_]+)\]\s*$/.exec(run.stderr.trim())?.[1]
        notes.push(
          run.code === 0
            ? 'the chapter write fitted into the space left'
            : `chapter write on a full disk: ${code}`,
        )
        if (run.code !== 0 && code !== 'disk_full')
          problems.push(`exit ${run.code} with ${code}, not disk_full`)
        if (/\[internal\]/.test(run.stdout + run.stderr)) {
          counts.internal++
          problems.push(`an [internal] message: ${run.stderr.trim().slice(0, 300)}`)
        }
        return problems
      })

      await tally.attempt('after the disk filled: every file whole, the catalog opens', async () => {
        const problems: string[] = []
        rmSync(join(mountPoint, 'filler.bin'))
        for (const [path, sha] of before) {
          const file = join(mountPoint, path)
          if (!existsSync(file)) {
            counts.deleted++
            problems.push(`${path} was deleted`)
          } else if (sha256File(file) !== sha) {
            // A chapter write replaces the audio file only when it is complete and verified.
            const show = cliJsonOk<{ files: { size: number }[] }>([
              '--library',
              library,
              'show',
              String(audioId),
            ])
            if (!show.files?.length) problems.push(`${path} changed and the item lost its file`)
          }
        }
        const list = await runCliProcess(['--library', library, 'list'])
        if (list.code !== 0) problems.push(`list exited ${list.code}: ${list.stderr.trim()}`)
        const doctor = await runCliProcess(['--library', library, '--json', 'doctor'])
        const integrity = (
          JSON.parse(doctor.stdout) as { checks: { id: string; status: string }[] }
        ).checks.find((check) => check.id === 'library.integrity')
        if (integrity?.status !== 'ok') problems.push(`the integrity check says ${integrity?.status}`)
        return problems
      })
      return true
    })
    if (ran === null) tally.add('disk full (no tmpfs)', [])
  })

  it('records the figure', () => {
    notes.push(
      `${counts.refused} damaged catalogs refused, ${counts.survived} survived; ${counts.commands} follow-up commands; ${counts.deleted} files lost; ${counts.internal} [internal] messages`,
    )
    recordFigure({
      section: 'catalog',
      name: 'catalog damage',
      measure: 'cases refused or survived, 0 files lost / tried',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
      values: { ...counts },
      notes,
    })
  })
})
