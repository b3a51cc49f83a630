import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_RETRY, RetriesExhausted, withRetry } from '../../../src/main/storage/retry'

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 }

describe('retries with backoff and jitter', () => {
  it('doubles the ceiling per retry, caps it, and picks within it', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, 1))).toEqual([100, 200, 250, 250])
    expect(backoffDelay(2, policy, 0)).toBe(0)
    expect(backoffDelay(2, policy, 0.5)).toBe(100)
  })

  it('retries retryable errors until success, sleeping the jittered delays', async () => {
    const slept: number[] = []
    let calls = 0
    const result = await withRetry(
      async (attempt) => {
        calls++
        if (attempt < 3) throw new Error('503')
        return 'ok'
      },
      () => true,
      policy,
      { sleep: async (ms) => void slept.push(ms), random: () => 0.5 },
    )
    expect(result).toBe('ok')
    expect(calls).toBe(3)
    expect(slept).toEqual([50, 100])
  })

  it('throws a non-retryable error at once', async () => {
    let calls = 0
    const failing = withRetry(
      async () => {
        calls++
        throw new Error('403')
      },
      () => false,
      policy,
      { sleep: async () => undefined },
    )
    await expect(failing).rejects.toThrow('403')
    expect(calls).toBe(1)
  })

  it('gives up after the attempts, keeping the last error and the count', async () => {
    const error = await withRetry(
      async (attempt) => {
        throw new Error(`try ${attempt}`)
      },
      () => true,
      policy,
      { sleep: async () => undefined },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetriesExhausted)
    expect((error as RetriesExhausted).attempts).toBe(4)
    expect(((error as RetriesExhausted).lastError as Error).message).toBe('try 4')
  })

  it('defaults to six attempts', () => {
    expect(DEFAULT_RETRY.attempts).toBe(6)
  })
})
