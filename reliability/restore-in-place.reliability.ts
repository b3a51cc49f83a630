import { createHash, randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure, Tally } from './lib/figures'
import { compare, kill, lib, libraryToRestore } from './lib/recovery-library'
import { KILLS_PER_OPERATION, rng, SEED } from './lib/scale'

/**
 * 8. Recovery, in place: a library whose catalog is 0 bytes or garbage (and, in half the trials, one
 * media file rewritten since the snapshot) is repaired by `library restore --from BACKUP` in its own
 * folder, SIGKILLed at seeded moments. After each kill: the refused catalog's bytes and the newer
 * media bytes are still somewhere the user can get them, no other media file changed, a library
 * that opens is the whole library, and a re-run completes.
 */

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-in-place-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Every file under `dir` by relative path → SHA-256 (none when `dir` is missing). */
function census(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  if (!existsSync(dir)) return out
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path)
      else out.set(relative(dir, path), sha256(readFileSync(path)))
    }
  }
  walk(dir)
  return out
}

interface Trial {
  target: string
  damaged: string
  /** A media file rewritten after the snapshot: its key and the newer bytes' hash. */
  newer: { key: string; sha: string } | null
  /** Media files (outside the quarantine and temp folders) before the restore, by key. */
  media: Map<string, string>
}

/** Problems with what the user had before the restore: the refused catalog, newer bytes, other media. */
function lossesIn(trial: Trial): string[] {
  const problems: string[] = []
  const everything = census(trial.target)
  const hashes = new Set(everything.values())
  if (!hashes.has(trial.damaged)) problems.push('the refused catalog’s bytes are gone')
  if (trial.newer && !hashes.has(trial.newer.sha))
    problems.push(`the newer bytes of ${trial.newer.key} are gone`)
  const now = census(join(trial.target, 'media'))
  for (const [key, sha] of trial.media) {
    if (key === trial.newer?.key) continue
    if (now.get(key) !== sha) problems.push(`${key}: ${now.has(key) ? 'changed' : 'gone'}`)
  }
  return problems
}

describe('8. recovery: a refused catalog repaired in place', () => {
  it('survives SIGKILL during an in-place repair', async () => {
    const random = rng('recovery:in-place-kill')
    const { dir, rows, hashes } = await libraryToRestore(root, 'in-place', random)
    cliOk(lib(dir, 'library', 'backup'))
    const keys = Object.keys(hashes).sort()

    const broken = (name: string): Trial => {
      const target = join(root, name, 'lib')
      expect(relative(root, target).startsWith('..')).toBe(false)
      cpSync(dir, target, { recursive: true })
      const catalog = random() < 0.5 ? Buffer.alloc(0) : randomBytes(4096 + Math.floor(random() * 8192))
      writeFileSync(join(target, 'library.sqlite'), catalog)
      for (const suffix of ['-wal', '-shm']) rmSync(join(target, `library.sqlite${suffix}`), { force: true })
      let newer: Trial['newer'] = null
      if (random() < 0.5) {
        const key = keys[Math.floor(random() * keys.length)] as string
        const bytes = randomBytes(2000)
        writeFileSync(join(target, 'media', key), bytes)
        newer = { key, sha: sha256(bytes) }
      }
      return { target, damaged: sha256(catalog), newer, media: census(join(target, 'media')) }
    }
    const repair = (target: string, killAfterMs?: number) =>
      runCliProcess(lib(target, '--json', 'library', 'restore', '--from', 'backup'), { killAfterMs })

    const first = broken('measure')
    const measured = await repair(first.target)
    if (measured.code !== 0) throw new Error(`the in-place restore failed uninterrupted: ${measured.stderr}`)
    expect(compare(first.target, rows, hashes)).toEqual([])
    expect(lossesIn(first)).toEqual([])
    const startup = (await runCliProcess(['--version'])).ms
    const tally = new Tally()
    let openedWhole = 0
    let finishedFirst = 0
    for (let n = 1; tally.tried < KILLS_PER_OPERATION && n <= KILLS_PER_OPERATION * 3; n++) {
      const trial = broken(`trial-${n}`)
      const delay = kill(startup, measured.ms, random)
      const run = await repair(trial.target, delay)
      if (!run.killed) {
        finishedFirst++
        rmSync(join(root, `trial-${n}`), { recursive: true, force: true })
        continue
      }
      await tally.attempt(`kill at ${delay} ms (trial ${n})`, async () => {
        const problems = lossesIn(trial).map((p) => `after the kill: ${p}`)
        const staged = existsSync(join(trial.target, '.restore-in-progress'))
        if ((await runCliProcess(lib(trial.target, 'list'))).code === 0) {
          if (staged) problems.push('opened while the restore was staged')
          problems.push(...compare(trial.target, rows, hashes).map((p) => `opened before it finished: ${p}`))
          openedWhole++
          return problems
        }
        const rerun = await repair(trial.target)
        if (rerun.code !== 0)
          return [...problems, `the re-run exited ${rerun.code}: ${rerun.stderr.slice(0, 300)}`]
        problems.push(...compare(trial.target, rows, hashes), ...lossesIn(trial))
        if (existsSync(join(trial.target, '.restore-in-progress')))
          problems.push('the staging folder is left behind')
        return problems
      })
      rmSync(join(root, `trial-${n}`), { recursive: true, force: true })
    }
    const figure = recordFigure({
      section: 'recovery',
      name: 'SIGKILL during an in-place catalog repair',
      measure: 'crashes survived (refused catalog and newer bytes kept; re-run completes) / tried',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
      values: {
        seed: SEED,
        measuredMs: Math.round(measured.ms),
        files: keys.length,
        committedBeforeKill: openedWhole,
        finishedBeforeKill: finishedFirst,
      },
    })
    expect(figure.failures).toEqual([])
    expect(figure.tried).toBeGreaterThanOrEqual(KILLS_PER_OPERATION)
  })
})
