import { describe, expect, it } from 'vitest'
import { EncodeQueue } from '../../../src/main/media/images/encode-queue'

/** Queues named tasks that finish when told to; records which are running. */
function harness(slots: number, budget: number) {
  const queue = new EncodeQueue(slots, budget)
  const running = new Set<string>()
  const finishers = new Map<string, () => void>()
  const started: string[] = []
  const results: Promise<string>[] = []
  const add = (name: string, weight: number) =>
    results.push(
      queue.run(weight, () => {
        running.add(name)
        started.push(name)
        return new Promise<string>((resolve) =>
          finishers.set(name, () => {
            running.delete(name)
            resolve(name)
          }),
        )
      }),
    )
  const finish = async (name: string) => {
    finishers.get(name)?.()
    // Let the queue start what comes next.
    for (let i = 0; i < 5; i++) await Promise.resolve()
  }
  return { add, finish, running, started, results }
}

describe('encode queue', () => {
  it('runs up to its slots at once, in queue order', async () => {
    const q = harness(2, 100)
    for (const name of ['a', 'b', 'c']) q.add(name, 0)
    expect([...q.running]).toEqual(['a', 'b'])
    await q.finish('b')
    expect([...q.running]).toEqual(['a', 'c'])
    await q.finish('a')
    await q.finish('c')
    await expect(Promise.all(q.results)).resolves.toEqual(['a', 'b', 'c'])
  })

  it('keeps heavy encodes within the budget and fills the other slot with ones that fit', async () => {
    const q = harness(2, 10)
    q.add('big1', 7)
    q.add('big2', 7)
    q.add('medium', 3)
    q.add('jpeg', 0)
    // big2 would go over the budget next to big1: medium, queued later, runs instead.
    expect([...q.running]).toEqual(['big1', 'medium'])
    await q.finish('medium')
    expect([...q.running]).toEqual(['big1', 'jpeg'])
    await q.finish('jpeg')
    // Nothing else fits next to big1: the slot waits rather than break the budget.
    expect([...q.running]).toEqual(['big1'])
    await q.finish('big1')
    expect([...q.running]).toEqual(['big2'])
    await q.finish('big2')
    expect(q.started).toEqual(['big1', 'medium', 'jpeg', 'big2'])
  })

  it('runs an encode heavier than the whole budget alone', async () => {
    const q = harness(2, 10)
    q.add('huge', 25)
    q.add('small', 1)
    q.add('jpeg', 0)
    expect([...q.running]).toEqual(['huge', 'jpeg'])
    await q.finish('jpeg')
    expect([...q.running]).toEqual(['huge'])
    await q.finish('huge')
    expect([...q.running]).toEqual(['small'])
    await q.finish('small')
  })

  it('passes a failure to its caller and goes on with the rest', async () => {
    const queue = new EncodeQueue(1, 10)
    const failed = queue.run(5, () => Promise.reject(new Error('encoder failed')))
    const next = queue.run(5, async () => 'next')
    await expect(failed).rejects.toThrow('encoder failed')
    await expect(next).resolves.toBe('next')
  })
})
