import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runCliProcess } from './cli-process'
import { type Figure, recordFigure, Tally } from './figures'
import { checkLibraryAfterCrash, wordsDigest } from './library-check'
import { KILLS_PER_OPERATION, rng, SEED } from './scale'

/** One operation of the crash-safety section, run in the real CLI and killed at random moments. */
export interface CrashOperation {
  name: string
  /** Makes the library the operation runs on (once; each trial runs on a copy). */
  prepare(template: string): Promise<void>
  /** The CLI arguments of the operation on a trial's library (set up its storages here). */
  start(dir: string, trial: number): Promise<string[]>
  /** Problems of the trial's storages other than the library itself, after a kill. */
  checkStorages?(dir: string, trial: number): Promise<string[]>
  /** Learns from the uninterrupted measuring run what "complete" looks like. */
  afterMeasure?(dir: string): void
  /** Problems once the operation, run again to the end, says it is done. */
  checkComplete(dir: string, trial: number, rerun: string): Promise<string[]>
}

/**
 * Prepares the operation's library under `root`, measures one uninterrupted run, then SIGKILLs
 * copies of the library at seeded random moments within that duration until KILLS_PER_OPERATION
 * kills landed; after each kill the library (and the operation's storages) is checked, the
 * operation is run again to the end and checked complete. Records and returns the figure.
 */
export async function killAtRandomMoments(
  operation: CrashOperation,
  root: string,
  env: Record<string, string>,
): Promise<Figure> {
  try {
    return await killLoop(operation, root, env)
  } catch (error) {
    // Preparing or the uninterrupted run failed: the table says so, with why, instead of a gap.
    const why = error instanceof Error ? error.message : String(error)
    recordFigure({
      section: 'crash',
      name: operation.name,
      measure: 'crashes survived / tried',
      tried: 1,
      ok: 0,
      failures: [`before any kill: ${why.replace(/\s+/g, ' ').slice(0, 600)}`],
    })
    throw error
  }
}

async function killLoop(
  operation: CrashOperation,
  root: string,
  env: Record<string, string>,
): Promise<Figure> {
  const random = rng(`crash:${operation.name}`)
  const template = join(root, `template-${operation.name.replace(/\W+/g, '-')}`)
  await operation.prepare(template)
  const words = wordsDigest(template)
  const trialDir = (n: number) => {
    const dir = join(root, `trial-${operation.name.replace(/\W+/g, '-')}-${n}`)
    cpSync(template, dir, { recursive: true })
    return dir
  }
  // Measure one uninterrupted run: kills land within its duration.
  const measureDir = trialDir(0)
  const measured = await runCliProcess(await operation.start(measureDir, 0), { env })
  if (measured.code !== 0) throw new Error(`${operation.name} failed uninterrupted:\n${measured.stderr}`)
  operation.afterMeasure?.(measureDir)
  const startup = (await runCliProcess(['--version'])).ms
  rmSync(measureDir, { recursive: true, force: true })

  const tally = new Tally()
  const delays: number[] = []
  let n = 0
  let finishedFirst = 0
  while (tally.tried < KILLS_PER_OPERATION && n < KILLS_PER_OPERATION * 3) {
    n++
    const dir = trialDir(n)
    const delay = Math.round(startup * 0.5 + random() * (measured.ms - startup * 0.5) * 0.97)
    const run = await runCliProcess(await operation.start(dir, n), { env, killAfterMs: delay })
    if (!run.killed) {
      // It finished before the kill: not a crash; the next trial draws another moment.
      finishedFirst++
      rmSync(dir, { recursive: true, force: true })
      continue
    }
    delays.push(delay)
    await tally.attempt(`kill at ${delay} ms (trial ${n})`, async () => {
      const problems = await checkLibraryAfterCrash(dir, words)
      if (operation.checkStorages) problems.push(...(await operation.checkStorages(dir, n)))
      const rerun = await runCliProcess(await operation.start(dir, n), { env })
      if (rerun.code !== 0) {
        problems.push(`the re-run exited ${rerun.code ?? rerun.signal}: ${rerun.stderr.trim().slice(0, 300)}`)
        return problems
      }
      problems.push(...(await operation.checkComplete(dir, n, rerun.stdout)))
      problems.push(...(await checkLibraryAfterCrash(dir, words)).map((p) => `after the re-run: ${p}`))
      return problems
    })
    rmSync(dir, { recursive: true, force: true })
  }
  return recordFigure({
    section: 'crash',
    name: operation.name,
    measure: 'crashes survived / tried',
    tried: tally.tried,
    ok: tally.ok,
    failures: tally.failures,
    values: {
      seed: SEED,
      measuredMs: Math.round(measured.ms),
      startupMs: Math.round(startup),
      finishedBeforeKill: finishedFirst,
    },
    notes: [`kill delays (ms): ${delays.join(' ')}`],
  })
}
