/**
 * How big a reliability run is. `full` (the default) meets the counts; `ci` (CI=true or
 * RELIABILITY_SCALE=ci) is the reduced run `.ci/run` does. Every count can be overridden.
 */
export type Scale = 'full' | 'ci'

export const SCALE: Scale =
  (process.env.RELIABILITY_SCALE as Scale | undefined) ?? (process.env.CI === 'true' ? 'ci' : 'full')

const number = (name: string, full: number, ci: number): number => {
  const raw = process.env[name]
  if (raw !== undefined && raw !== '') {
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, not "${raw}"`)
    return value
  }
  return SCALE === 'ci' ? ci : full
}

/** SIGKILLs per crash-safety operation. */
export const KILLS_PER_OPERATION = number('RELIABILITY_KILLS', 20, 5)
/** Seconds of REST load. */
export const LOAD_SECONDS = number('RELIABILITY_LOAD_SECONDS', 60, 10)
export const LOAD_CONNECTIONS = number('RELIABILITY_LOAD_CONNECTIONS', 50, 50)
/**
 * Limits the load figures must stay within. The p99 limit catches a server that stalls (a lock
 * held, a blocked event loop), not a slow one: on two cores the server shares the CPU with the
 * importer, the sync, s3rver and autocannon, and its p99 moved between 0.9 and 3 s from run to run
 * of the same tree. How fast the API is lives in `npm run bench -- api`, with its floor.
 */
export const LOAD_P99_BUDGET_MS = number('RELIABILITY_P99_BUDGET_MS', 10_000, 10_000)
export const LOAD_RSS_BUDGET_MIB = number('RELIABILITY_RSS_BUDGET_MIB', 1024, 1024)

/** The seed of every random choice (kill moments); print it, set RELIABILITY_SEED to replay. */
export const SEED: number = (() => {
  const raw = process.env.RELIABILITY_SEED
  if (raw) {
    const value = Number(raw)
    if (!Number.isInteger(value)) throw new Error(`RELIABILITY_SEED must be an integer, not "${raw}"`)
    return value >>> 0
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0
})()

/** A small seeded generator (mulberry32): one stream per name, all derived from SEED. */
export function rng(name: string): () => number {
  let state = SEED
  for (const char of name) state = Math.imul(state ^ char.charCodeAt(0), 2654435761) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
