import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isProcessAlive } from '../../../src/main/platform/process-liveness'
import { LOCAL_TMP_DIR } from '../../../src/main/storage/local-storage'
import { deadPid } from '../../helpers/dead-pid'
import { localStorageFixture } from './support/local-storage-fixture'

// LocalStorage: clearing the partial writes that killed processes left in its temp folder.
const { storage } = localStorageFixture()

describe('removeAbandonedWrites', () => {
  it('removes the partial writes of dead processes only', async () => {
    const { store, root } = storage()
    const tmp = join(root, LOCAL_TMP_DIR)
    mkdirSync(tmp, { recursive: true })
    const dead = deadPid()
    const names = [
      `${dead}-0b6d9a0e.part`,
      `${dead}-4c2f11aa.part`,
      `${process.pid}-9f00c1de.part`,
      'README',
      `x${dead}-1.part`,
    ]
    for (const name of names) writeFileSync(join(tmp, name), 'partial')
    mkdirSync(join(tmp, String(dead)))
    expect(isProcessAlive(dead)).toBe(false)
    expect(await store.removeAbandonedWrites(isProcessAlive)).toBe(3)
    expect(readdirSync(tmp).sort()).toEqual(
      [`${process.pid}-9f00c1de.part`, 'README', `x${dead}-1.part`].sort(),
    )
  })

  it('asks about each pid and removes nothing of the living', async () => {
    const { store, root } = storage()
    const tmp = join(root, LOCAL_TMP_DIR)
    mkdirSync(tmp, { recursive: true })
    for (const name of ['111-a.part', '222-b.part', '333']) writeFileSync(join(tmp, name), '')
    const asked: number[] = []
    const removed = await store.removeAbandonedWrites((pid) => {
      asked.push(pid)
      return pid !== 222
    })
    expect(removed).toBe(1)
    expect(asked.sort()).toEqual([111, 222, 333])
    expect(readdirSync(tmp).sort()).toEqual(['111-a.part', '333'])
  })

  it('is a no-op without a temp folder', async () => {
    expect(await storage().store.removeAbandonedWrites(() => false)).toBe(0)
  })
})
