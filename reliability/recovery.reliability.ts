import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { makeAudio, makeDir, makeImage } from '../test/helpers/media-fixtures'
import { fileHashes, libraryRows } from '../test/integration/library-backup/support/library-state'
import { cliJsonOk, cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure, Tally } from './lib/figures'
import { checkLibraryAfterCrash, sha256, wordsDigest } from './lib/library-check'
import { compare, fillRandomly, kill, lib, libraryToRestore, newLibrary } from './lib/recovery-library'
import { KILLS_PER_OPERATION, rng, SCALE, SEED } from './lib/scale'
import { checkVerifiedSnapshots, snapshotsIn, withSnapshotDb } from './lib/snapshot-check'

/**
 * 6. Recovery: the library database backed up as snapshots and brought back whole. Randomized
 * (seeded) libraries are backed up and restored into fresh folders and compared row by row and
 * file by file; `library backup` and `library restore` are SIGKILLed at seeded moments (no torn
 * snapshot may count as verified, no half-restored library may open, a re-run completes); and
 * snapshots taken while an import of 300 files runs must each be one moment of that import.
 */

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-recovery-'))
const LIBRARIES = SCALE === 'ci' ? 3 : 10
const IMPORT_FILES = 300

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('6. recovery: library snapshots and restores', () => {
  it('restores randomized libraries with 0 items or files lost', async () => {
    const random = rng('recovery:libraries')
    const tally = new Tally()
    let items = 0
    let files = 0
    for (let n = 0; n < LIBRARIES; n++) {
      const folder = join(root, `random-${n}`)
      const { dir, backup } = newLibrary(folder)
      await tally.attempt(`library ${n}`, async () => {
        await fillRandomly(root, dir, random, String(n))
        cliJsonOk(lib(dir, 'sync', '--to', 'backup'))
        const rows = libraryRows(dir)
        const hashes = fileHashes(dir)
        items += rows.media?.length ?? 0
        files += Object.keys(hashes).length
        const restored = join(folder, 'restored')
        const report = cliJsonOk<{ files: { missing: number; mismatched: number } }>(
          lib(restored, 'library', 'restore', '--from', backup),
        )
        const problems = compare(restored, rows, hashes)
        if (report.files.missing || report.files.mismatched)
          problems.push(`report: ${JSON.stringify(report.files)}`)
        return problems
      })
      rmSync(folder, { recursive: true, force: true })
    }
    const figure = recordFigure({
      section: 'recovery',
      name: 'randomized libraries restored',
      measure: 'libraries restored with 0 items or files lost / tried',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
      values: { seed: SEED, items, files },
    })
    expect(figure.failures).toEqual([])
  })

  it('survives SIGKILL during library backup', async () => {
    const random = rng('recovery:backup-kill')
    const template = join(root, 'backup-template')
    const { dir } = newLibrary(template)
    await fillRandomly(root, dir, random, 'backup')
    // A long transcript makes the database (and so the snapshot) big enough to be caught mid-way.
    const [audio] = cliJsonOk<{ id: number }[]>(
      lib(dir, 'import', makeAudio(join(root, 'long.mp3'), 'mp3', { seconds: 2 })),
    )
    const cues = Array.from({ length: 20_000 }, (_, i) => {
      const at = (ms: number) => new Date(ms).toISOString().slice(11, 23)
      return `${at(i * 100)} --> ${at(i * 100 + 90)}\n<v Ann>${randomBytes(24).toString('hex')}\n`
    })
    writeFileSync(join(root, 'long.vtt'), `WEBVTT\n\n${cues.join('\n')}`)
    cliOk(lib(dir, 'audio', 'transcript', String(audio?.id), '--import', join(root, 'long.vtt')))
    const words = wordsDigest(dir)
    const trial = (n: number) => {
      const folder = join(root, `backup-trial-${n}`)
      rmSync(folder, { recursive: true, force: true })
      cpSync(template, folder, { recursive: true })
      const config = join(folder, 'lib', 'castdesk.config.json')
      writeFileSync(config, readFileSync(config, 'utf8').replaceAll(template, folder))
      return { folder, dir: join(folder, 'lib'), backup: join(folder, 'backup') }
    }
    const measuring = trial(0)
    const measured = await runCliProcess(lib(measuring.dir, 'library', 'backup'))
    if (measured.code !== 0) throw new Error(`library backup failed uninterrupted: ${measured.stderr}`)
    rmSync(measuring.folder, { recursive: true, force: true })
    const startup = (await runCliProcess(['--version'])).ms
    const tally = new Tally()
    let torn = 0
    let finishedFirst = 0
    for (let n = 1; tally.tried < KILLS_PER_OPERATION && n <= KILLS_PER_OPERATION * 3; n++) {
      const t = trial(n)
      const delay = kill(startup, measured.ms, random)
      const run = await runCliProcess(lib(t.dir, 'library', 'backup'), { killAfterMs: delay })
      if (!run.killed) {
        finishedFirst++
        continue
      }
      await tally.attempt(`kill at ${delay} ms (trial ${n})`, async () => {
        const problems = checkVerifiedSnapshots(t.backup)
        torn += snapshotsIn(t.backup).filter((s) => !s.manifest).length
        problems.push(...(await checkLibraryAfterCrash(t.dir, words)))
        const rerun = cliJsonOk<{ outcomes: { snapshot: { name: string; verified: boolean } | null }[] }>(
          lib(t.dir, 'library', 'backup'),
        )
        const made = rerun.outcomes[0]?.snapshot
        if (!made?.verified) problems.push('the re-run made no verified snapshot')
        problems.push(...checkVerifiedSnapshots(t.backup).map((p) => `after the re-run: ${p}`))
        return problems
      })
      rmSync(t.folder, { recursive: true, force: true })
    }
    const figure = recordFigure({
      section: 'recovery',
      name: 'SIGKILL during library backup',
      measure: 'crashes survived (no torn snapshot verified) / tried',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
      values: {
        seed: SEED,
        measuredMs: Math.round(measured.ms),
        tornSnapshotsLeftUnverified: torn,
        finishedBeforeKill: finishedFirst,
      },
    })
    expect(figure.failures).toEqual([])
    expect(figure.tried).toBeGreaterThanOrEqual(KILLS_PER_OPERATION)
  })

  it('survives SIGKILL during library restore', async () => {
    const random = rng('recovery:restore-kill')
    const { backup, rows, hashes } = await libraryToRestore(root, 'restore', random)
    const restoreInto = (target: string, killAfterMs?: number) =>
      runCliProcess(lib(target, '--json', 'library', 'restore', '--from', backup), { killAfterMs })
    const measured = await restoreInto(join(root, 'restore-measure'))
    if (measured.code !== 0) throw new Error(`library restore failed uninterrupted: ${measured.stderr}`)
    const startup = (await runCliProcess(['--version'])).ms
    const tally = new Tally()
    let committedBeforeKill = 0
    let finishedFirst = 0
    for (let n = 1; tally.tried < KILLS_PER_OPERATION && n <= KILLS_PER_OPERATION * 3; n++) {
      const target = join(root, `restore-trial-${n}`, 'library')
      const delay = kill(startup, measured.ms, random)
      const run = await restoreInto(target, delay)
      if (!run.killed) {
        finishedFirst++
        continue
      }
      await tally.attempt(`kill at ${delay} ms (trial ${n})`, async () => {
        const problems: string[] = []
        const staged = existsSync(join(target, '.restore-in-progress'))
        const opens = (await runCliProcess(lib(target, 'list'))).code === 0
        if (opens) {
          // A library that opens must be the whole library.
          problems.push(
            ...compare(target, rows, hashes).map((p) => `opened before the restore finished: ${p}`),
          )
          if (!staged) {
            committedBeforeKill++
            return problems
          }
        }
        const rerun = await restoreInto(target)
        if (rerun.code !== 0)
          return [...problems, `the re-run exited ${rerun.code}: ${rerun.stderr.slice(0, 300)}`]
        problems.push(...compare(target, rows, hashes))
        if (existsSync(join(target, '.restore-in-progress')))
          problems.push('the staging folder is left behind')
        return problems
      })
      rmSync(join(root, `restore-trial-${n}`), { recursive: true, force: true })
    }
    const figure = recordFigure({
      section: 'recovery',
      name: 'SIGKILL during library restore',
      measure: 'crashes survived (never opened half-restored; re-run completes) / tried',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
      values: {
        seed: SEED,
        measuredMs: Math.round(measured.ms),
        files: Object.keys(hashes).length,
        committedBeforeKill,
        finishedBeforeKill: finishedFirst,
      },
    })
    expect(figure.failures).toEqual([])
    expect(figure.tried).toBeGreaterThanOrEqual(KILLS_PER_OPERATION)
  })

  it(`snapshots taken during an import of ${IMPORT_FILES} files are each one moment of it`, async () => {
    const { dir, backup } = newLibrary(join(root, 'import-snapshots'))
    const files = makeDir(root, 'import-files')
    for (let i = 0; i < IMPORT_FILES; i++) {
      if (i % 2) await makeImage(join(files, `pic${i}.png`), 'png', { width: 16, height: 12, seed: i })
      else
        writeFileSync(join(files, `note${i}.txt`), `note ${i} ${randomBytes(96 * 1024).toString('base64')}\n`)
    }
    const count = () => {
      const db = new Database(join(dir, 'library.sqlite'), { readonly: true })
      try {
        return (db.prepare('SELECT count(*) AS n FROM media').get() as { n: number }).n
      } finally {
        db.close()
      }
    }
    const before = count()
    const importing = runCliProcess(lib(dir, 'import', '--no-jobs', files))
    let done = false
    void importing.then(() => {
      done = true
    })
    const taken: string[] = []
    while (!done) {
      if (count() > before) {
        const made = await runCliProcess(lib(dir, '--json', 'library', 'backup'))
        const name = made.code === 0 ? JSON.parse(made.stdout).outcomes[0]?.snapshot?.name : null
        if (name && !done) taken.push(name)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const imported = await importing
    if (imported.code !== 0) throw new Error(`the import failed: ${imported.stderr}`)
    const after = count()
    const final = new Database(join(dir, 'library.sqlite'), { readonly: true })
    const finalIds = (final.prepare('SELECT id FROM media ORDER BY id').all() as { id: number }[]).map(
      (r) => r.id,
    )
    final.close()
    const tally = new Tally()
    for (const name of taken) {
      tally.add(
        `snapshot ${name}`,
        withSnapshotDb(backup, name, (db) => {
          const problems: string[] = []
          const integrity = db.pragma('integrity_check', { simple: true })
          if (integrity !== 'ok') problems.push(`integrity_check ${String(integrity)}`)
          const ids = (db.prepare('SELECT id FROM media ORDER BY id').all() as { id: number }[]).map(
            (r) => r.id,
          )
          if (ids.length < before || ids.length > after)
            problems.push(`${ids.length} items, not between ${before} and ${after}`)
          const max = ids.at(-1) ?? 0
          if (JSON.stringify(ids) !== JSON.stringify(finalIds.filter((id) => id <= max)))
            problems.push('its items are not the first ones of the import')
          const orphans = db
            .prepare(
              'SELECT count(*) AS n FROM media m WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.media_id = m.id)',
            )
            .get() as { n: number }
          if (orphans.n) problems.push(`${orphans.n} items without their file`)
          for (const blob of db.prepare('SELECT storage_key AS key, sha256 FROM blobs').all() as {
            key: string
            sha256: string
          }[]) {
            const path = join(dir, 'media', blob.key)
            if (!existsSync(path) || sha256(readFileSync(path)) !== blob.sha256)
              problems.push(`${blob.key} is not the file its row records`)
          }
          return problems
        }),
      )
    }
    const figure = recordFigure({
      section: 'recovery',
      name: `snapshots during an import of ${IMPORT_FILES} files`,
      measure: 'snapshots whole and one moment of the import / taken',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
      values: { before, after, snapshots: taken.length },
    })
    expect(figure.failures).toEqual([])
    expect(figure.tried).toBeGreaterThan(0)
  })
})
