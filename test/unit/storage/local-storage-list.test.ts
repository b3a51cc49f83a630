import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCAL_TMP_DIR, LocalStorage } from '../../../src/main/storage/local-storage'
import { LOCAL_QUARANTINE_DIR } from '../../../src/main/storage/quarantine/quarantine-names'
import type { StoredObject } from '../../../src/main/storage/storage'
import { listAll } from '../../../src/main/storage/sync/local-listing'
import { keys, localStorageFixture } from './support/local-storage-fixture'

// LocalStorage: what list yields (never its marker, temp folder or quarantine) and a missing root.
const { dirs, storage } = localStorageFixture()

describe('list', () => {
  it('never lists its marker or its quarantine as media', async () => {
    const { store, root } = storage()
    await store.put('cast_audio/a.mp3', Buffer.from('a'))
    writeFileSync(join(root, '.castdesk-storage.json'), '{}')
    mkdirSync(join(root, '.castdesk-quarantine', 'cast_audio'), { recursive: true })
    writeFileSync(join(root, '.castdesk-quarantine', 'cast_audio', 'b.mp3'), 'b')
    expect(await keys(store)).toEqual(['cast_audio/a.mp3'])
  })

  it('refuses to write to a root that does not exist, and creates nothing in its place', async () => {
    const base = dirs.make()
    const root = join(base, 'disk', 'media')
    const store = new LocalStorage('default', root)
    await expect(store.put('cast_audio/a.mp3', Buffer.from('a'))).rejects.toMatchObject({
      code: 'storage_missing',
    })
    const source = join(base, 'a.mp3')
    writeFileSync(source, 'a')
    await expect(store.putFile('cast_audio/a.mp3', source, { move: true })).rejects.toMatchObject({
      code: 'storage_missing',
    })
    expect(existsSync(join(base, 'disk'))).toBe(false)
    expect(readFileSync(source, 'utf8')).toBe('a')
  })

  it('lists every object sorted by key, skipping the temp folder', async () => {
    const { store, root } = storage()
    for (const key of [
      'images/b.jpg',
      'cast_audio/z.mp3',
      'images/a.jpg',
      'a.txt',
      'a/b.txt',
      'a0.txt',
      'B.txt',
    ]) {
      await store.put(key, Buffer.from(key))
    }
    mkdirSync(join(root, LOCAL_TMP_DIR), { recursive: true })
    writeFileSync(join(root, LOCAL_TMP_DIR, `${process.pid}-x.part`), 'partial')
    const listed = await keys(store)
    expect(listed).toEqual([
      'B.txt',
      'a.txt',
      'a/b.txt',
      'a0.txt',
      'cast_audio/z.mp3',
      'images/a.jpg',
      'images/b.jpg',
    ])
    expect(listed).toEqual([...listed].sort())
  })

  it('never lists the quarantine, in its own walk or the sync’s', async () => {
    const { store, root } = storage()
    await store.put('images/a.jpg', Buffer.from('a'))
    mkdirSync(join(root, LOCAL_QUARANTINE_DIR, '2026-01-01T00-00-00-000Z', 'images'), { recursive: true })
    writeFileSync(join(root, LOCAL_QUARANTINE_DIR, '2026-01-01T00-00-00-000Z', 'images', 'b.jpg'), 'b')
    expect(await keys(store)).toEqual(['images/a.jpg'])
    expect((await listAll(store)).map((o) => o.key)).toEqual(['images/a.jpg'])
  })

  it('lists the same files, sizes and times in quick synchronous batches and on a slow disk', async () => {
    const { store, root } = storage()
    for (let i = 0; i < 150; i++) {
      await store.put(`cast_images/${i % 7}/p${i}.jpg`, Buffer.alloc(i + 1))
    }
    writeFileSync(join(root, '.castdesk-storage.json'), '{}')
    const fromStore: StoredObject[] = []
    for await (const object of store.list()) fromStore.push(object)
    const expected = fromStore.map((o) => [o.key, o.size, o.modified.getTime()]).sort()
    const shape = (objects: StoredObject[]) =>
      objects.map((o) => [o.key, o.size, o.modified.getTime()]).sort()
    expect(shape(await listAll(store))).toEqual(expected)
    // A batch of one, always "slow": the first file is stat'ed alone, the rest in parallel.
    expect(shape(await listAll(store, { batch: 1, slowBatchMs: -1 }))).toEqual(expected)
    expect(shape(await listAll(store, { batch: 10, slowBatchMs: 1e9 }))).toEqual(expected)
    expect(expected).toHaveLength(150)
  })

  it('filters by prefix and reports sizes', async () => {
    const { store } = storage()
    await store.put('images/a.jpg', Buffer.from('12345'))
    await store.put('original_images/a.jpg', Buffer.from('1'))
    await store.put('images.txt', Buffer.from('1'))
    const objects: StoredObject[] = []
    for await (const object of store.list('images/')) objects.push(object)
    expect(objects.map(({ key, size }) => ({ key, size }))).toEqual([{ key: 'images/a.jpg', size: 5 }])
    expect(await keys(store, 'images')).toEqual(['images.txt', 'images/a.jpg'])
    expect(await keys(store, 'nothing/')).toEqual([])
  })

  it('lists nothing when the root does not exist (the command checks the marker first)', async () => {
    const { store, root } = storage()
    rmSync(root, { recursive: true })
    expect(await keys(store)).toEqual([])
  })
})
