import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type Section = 'crash' | 'hostile' | 'storage' | 'access' | 'load' | 'storages'

/**
 * One line of the reliability table: `ok` of `tried` went right (crashes survived, inputs
 * handled, faults survived, attempts refused). A figure is perfect when ok === tried and tried
 * > 0 and `failures` is empty; `values` carries figures that are not a ratio (load).
 */
export interface Figure {
  section: Section
  name: string
  /** What ok/tried count, e.g. "crashes survived / tried". */
  measure: string
  tried: number
  ok: number
  failures: string[]
  values?: Record<string, number | string>
  notes?: string[]
}

/** Where figures go: the runner sets RELIABILITY_RESULTS; a bare vitest run uses a temp folder. */
export const RESULTS_DIR = process.env.RELIABILITY_RESULTS ?? join(tmpdir(), 'castdesk-reliability-results')

export function recordFigure(figure: Figure): Figure {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = `${figure.section}-${figure.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`
  writeFileSync(join(RESULTS_DIR, file), `${JSON.stringify(figure, null, 2)}\n`)
  return figure
}

export function isPerfect(figure: Figure): boolean {
  return figure.tried > 0 && figure.ok === figure.tried && figure.failures.length === 0
}

/** Counts attempts: each check returns the problems it saw (none: it went right). */
export class Tally {
  tried = 0
  ok = 0
  readonly failures: string[] = []

  add(label: string, problems: readonly string[]): boolean {
    this.tried++
    if (problems.length === 0) {
      this.ok++
      return true
    }
    this.failures.push(`${label}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ' …' : ''}`)
    return false
  }

  /** Runs one attempt; a throw is a failure of that attempt, not of the run. */
  async attempt(label: string, check: () => Promise<string[]> | string[]): Promise<boolean> {
    let problems: string[]
    try {
      problems = await check()
    } catch (error) {
      problems = [`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`]
    }
    return this.add(label, problems)
  }
}

/** Waits for `promise` (errors ignored), at most `ms`: for shutting test servers down. */
export async function settleWithin(ms: number, promise: Promise<unknown> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    Promise.resolve(promise).catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms)
    }),
  ])
  clearTimeout(timer)
}
