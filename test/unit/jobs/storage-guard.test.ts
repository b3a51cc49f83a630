import { describe, expect, it } from 'vitest'
import { cachedCheck } from '../../../src/main/jobs/storage-guard'

describe('cachedCheck', () => {
  it('asks once per period while the check passes, and again after every refusal', async () => {
    let now = 0
    let calls = 0
    let connected = true
    const check = cachedCheck(
      async () => {
        calls++
        if (!connected) throw new Error('storage_missing')
      },
      () => now,
      5000,
    )
    await Promise.all([check(), check(), check()])
    now = 4999
    await check()
    expect(calls).toBe(1)
    now = 5000
    connected = false
    await expect(check()).rejects.toThrow('storage_missing')
    await expect(check()).rejects.toThrow('storage_missing')
    expect(calls).toBe(3)
    connected = true
    await check()
    await check()
    expect(calls).toBe(4)
  })
})
