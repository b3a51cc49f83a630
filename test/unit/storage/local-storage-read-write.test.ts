import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { StoredObject } from '../../../src/main/storage/storage'
import {
  EMPTY_SHA256,
  failingStream,
  keys,
  localStorageFixture,
  readAll,
  rejection,
  sha256,
  tempEntries,
} from './support/local-storage-fixture'

// LocalStorage: storing, reading, replacing and deleting objects, and what a failed write leaves.
const { dirs, storage } = localStorageFixture()

describe('put / get / head', () => {
  it('stores a buffer under its key and reports size and SHA-256', async () => {
    const { store, root } = storage()
    const result = await store.put('cast_audio/ep12.mp3', Buffer.from('episode twelve'))
    expect(result).toEqual({ size: 14, sha256: sha256('episode twelve') })
    expect(readFileSync(join(root, 'cast_audio', 'ep12.mp3'), 'utf8')).toBe('episode twelve')
    expect((await readAll(await store.get('cast_audio/ep12.mp3'))).toString()).toBe('episode twelve')
    const head = (await store.head('cast_audio/ep12.mp3')) as StoredObject
    expect(head.key).toBe('cast_audio/ep12.mp3')
    expect(head.size).toBe(14)
    expect(head.modified).toBeInstanceOf(Date)
    expect(tempEntries(root)).toEqual([])
  })

  it('stores a stream of many chunks, hashing all of it', async () => {
    const { store } = storage()
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(10_000, i))
    const result = await store.put('cast_files/big.bin', Readable.from(chunks))
    expect(result).toEqual({ size: 500_000, sha256: sha256(Buffer.concat(chunks)) })
  })

  it('stores an empty body', async () => {
    const { store } = storage()
    expect(await store.put('cast_files/empty', Buffer.alloc(0))).toEqual({ size: 0, sha256: EMPTY_SHA256 })
    expect((await store.head('cast_files/empty'))?.size).toBe(0)
  })

  it('replaces an existing object whole', async () => {
    const { store } = storage()
    await store.put('cast_files/a.txt', Buffer.from('old'))
    await store.put('cast_files/a.txt', Buffer.from('new and longer'))
    expect((await readAll(await store.get('cast_files/a.txt'))).toString()).toBe('new and longer')
  })

  it('reports a missing object: head null, get not_found', async () => {
    const { store } = storage()
    expect(await store.head('cast_files/nope.txt')).toBeNull()
    expect(await rejection(store.get('cast_files/nope.txt'))).toEqual({
      code: 'not_found',
      message: 'No file "cast_files/nope.txt" in storage "default".',
    })
  })

  it('treats a folder, or a key below a file, as missing', async () => {
    const { store } = storage()
    await store.put('cast_files/a.txt', Buffer.from('a'))
    expect(await store.head('cast_files')).toBeNull()
    expect(await store.head('cast_files/a.txt/b')).toBeNull()
    expect((await rejection(store.get('cast_files'))).code).toBe('not_found')
  })
})

describe('putFile', () => {
  it('copies a file and leaves the source as it was', async () => {
    const { store, root, outside } = storage()
    const source = join(outside, 'photo.jpg')
    writeFileSync(source, 'jpeg bytes')
    expect(await store.putFile('original_images/photo.jpg', source)).toEqual({
      size: 10,
      sha256: sha256('jpeg bytes'),
    })
    expect(readFileSync(source, 'utf8')).toBe('jpeg bytes')
    expect(readFileSync(join(root, 'original_images', 'photo.jpg'), 'utf8')).toBe('jpeg bytes')
  })

  it('moves a file by renaming it, hashing it when no hash is given', async () => {
    const { store, root } = storage()
    mkdirSync(join(root, 'staging'), { recursive: true })
    const source = join(root, 'staging', 'upload.part')
    writeFileSync(source, 'audio bytes')
    const inode = statSync(source).ino
    expect(await store.putFile('cast_audio/ep.mp3', source, { move: true })).toEqual({
      size: 11,
      sha256: sha256('audio bytes'),
    })
    expect(existsSync(source)).toBe(false)
    expect(statSync(join(root, 'cast_audio', 'ep.mp3')).ino).toBe(inode)
  })

  it('trusts the size and hash the caller already computed', async () => {
    const { store, outside } = storage()
    const source = join(outside, 'staged')
    writeFileSync(source, 'abc')
    const known = { size: 3, sha256: sha256('abc') }
    expect(await store.putFile('cast_files/abc', source, { move: true, known })).toBe(known)
  })

  const shm = '/dev/shm'
  const otherDevice = existsSync(shm) && statSync(shm).dev !== statSync(dirs.make()).dev
  it.skipIf(!otherDevice)('moves across drives by copying, and still consumes the source', async () => {
    const { store, root } = storage()
    const source = join(shm, `castdesk-move-test-${process.pid}`)
    writeFileSync(source, 'from another drive')
    expect(await store.putFile('cast_files/x', source, { move: true })).toEqual({
      size: 18,
      sha256: sha256('from another drive'),
    })
    expect(readFileSync(join(root, 'cast_files', 'x'), 'utf8')).toBe('from another drive')
    expect(existsSync(source)).toBe(false)
    expect(tempEntries(root)).toEqual([])
  })

  it('copies what a symlinked source points to instead of moving the link, and keeps the target', async () => {
    const { store, root, outside } = storage()
    const target = join(outside, 'real.txt')
    writeFileSync(target, 'real content')
    const link = join(outside, 'link.txt')
    symlinkSync(target, link)
    await store.putFile('cast_files/real.txt', link, { move: true })
    expect(statSync(join(root, 'cast_files', 'real.txt')).isFile()).toBe(true)
    expect(readFileSync(join(root, 'cast_files', 'real.txt'), 'utf8')).toBe('real content')
    expect(readFileSync(target, 'utf8')).toBe('real content')
  })

  it('fails for a missing source without leaving a file or a temp file', async () => {
    const { store, root, outside } = storage()
    // Many times: the source's open can fail while the root is still being checked.
    for (let i = 0; i < 30; i++) {
      expect((await rejection(store.putFile('cast_files/x', join(outside, 'gone')))).code).toBe('ENOENT')
    }
    expect(await store.head('cast_files/x')).toBeNull()
    expect(tempEntries(root)).toEqual([])
  })
})

describe('a failing source stream', () => {
  it('leaves no file under the key and no temp file', async () => {
    const { store, root } = storage()
    const error = await rejection(store.put('cast_audio/ep.mp3', failingStream()))
    expect(error.message).toBe('the drive was unplugged')
    expect(await store.head('cast_audio/ep.mp3')).toBeNull()
    expect(existsSync(join(root, 'cast_audio'))).toBe(false)
    expect(tempEntries(root)).toEqual([])
  })

  it('leaves the object already under the key as it was', async () => {
    const { store, root } = storage()
    await store.put('cast_audio/ep.mp3', Buffer.from('the good old file'))
    await rejection(store.put('cast_audio/ep.mp3', failingStream()))
    expect(readFileSync(join(root, 'cast_audio', 'ep.mp3'), 'utf8')).toBe('the good old file')
    expect(await keys(store)).toEqual(['cast_audio/ep.mp3'])
    expect(tempEntries(root)).toEqual([])
  })
})

describe('delete', () => {
  it('removes an object; a missing one is no error', async () => {
    const { store } = storage()
    await store.put('cast_files/a.txt', Buffer.from('a'))
    await store.delete('cast_files/a.txt')
    expect(await store.head('cast_files/a.txt')).toBeNull()
    await expect(store.delete('cast_files/a.txt')).resolves.toBeUndefined()
    await expect(store.delete('never/was/here')).resolves.toBeUndefined()
  })
})
