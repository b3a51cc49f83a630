/** Retries with exponential backoff and full jitter, for transient storage failures. */

export interface RetryPolicy {
  /** Attempts in all, the first included (default 6). */
  attempts: number
  /** Upper bound of the first delay; each retry doubles it (default 200 ms). */
  baseDelayMs: number
  /** No delay is longer than this (default 10 s). */
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 200, maxDelayMs: 10_000 }

/**
 * The delay before retry number `retry` (1-based): a uniform pick in [0, min(max, base·2^(retry−1))]
 * ("full jitter"), so that many clients throttled at once do not come back in step.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  return Math.floor(Math.min(1, Math.max(0, random)) * ceiling)
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Called before each retry with the error that caused it. */
  onRetry?: (error: unknown, retry: number, delayMs: number) => void
}

export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(lastError instanceof Error ? lastError.message : String(lastError), { cause: lastError })
    this.name = 'RetriesExhausted'
  }
}

/**
 * Runs `work` until it succeeds, it fails with an error `retryable` refuses, or the attempts run
 * out. Non-retryable errors are thrown as they are; exhausted retries throw `RetriesExhausted`.
 */
export async function withRetry<T>(
  work: (attempt: number) => Promise<T>,
  retryable: (error: unknown) => boolean,
  policy: RetryPolicy = DEFAULT_RETRY,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? defaultSleep
  const random = hooks.random ?? Math.random
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt)
    } catch (error) {
      if (!retryable(error)) throw error
      if (attempt >= policy.attempts) throw new RetriesExhausted(error, attempt)
      const delay = backoffDelay(attempt, policy, random())
      hooks.onRetry?.(error, attempt, delay)
      await sleep(delay)
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
