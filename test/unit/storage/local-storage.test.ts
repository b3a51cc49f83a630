import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isProcessAlive } from '../../../src/main/platform/process-liveness'
import { LOCAL_TMP_DIR, LocalStorage } from '../../../src/main/storage/local-storage'
import { LOCAL_QUARANTINE_DIR } from '../../../src/main/storage/quarantine/quarantine-names'
import type { StoredObject } from '../../../src/main/storage/storage'
import { listAll } from '../../../src/main/storage/sync/local-listing'
import type { CastdeskError } from '../../../src/shared/errors'
import { deadPid } from '../../helpers/dead-pid'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-storage-')

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex')
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

function storage(publicBaseUrl?: string): { store: LocalStorage; root: string; outside: string } {
  const base = dirs.make()
  const root = join(base, 'media')
  const outside = join(base, 'outside')
  mkdirSync(outside)
  // A storage root exists before anything is written to it (`castdesk storages init` makes it).
  mkdirSync(root)
  return { store: new LocalStorage('default', root, publicBaseUrl), root, outside }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function keys(store: LocalStorage, prefix?: string): Promise<string[]> {
  const found: string[] = []
  for await (const object of store.list(prefix)) found.push(object.key)
  return found
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise
  } catch (error) {
    return { code: (error as CastdeskError).code, message: (error as Error).message }
  }
  throw new Error('expected a rejection')
}

function tempEntries(root: string): string[] {
  const tmp = join(root, LOCAL_TMP_DIR)
  return existsSync(tmp) ? readdirSync(tmp) : []
}

/** A stream that delivers some bytes and then fails, like a USB stick pulled out mid-copy. */
function failingStream(): Readable {
  let sent = false
  return new Readable({
    read() {
      if (!sent) {
        sent = true
        this.push(Buffer.alloc(256 * 1024, 7))
      } else {
        this.destroy(new Error('the drive was unplugged'))
      }
    },
  })
}

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
    expect((await rejection(store.putFile('cast_files/x', join(outside, 'gone')))).code).toBe('ENOENT')
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

describe('url and localPath', () => {
  it('gives a file:// URL and the path without a public base URL', () => {
    const { store, root } = storage()
    expect(store.localPath('cast_audio/ep 1.mp3')).toBe(join(root, 'cast_audio', 'ep 1.mp3'))
    expect(store.url('cast_audio/ep 1.mp3')).toBe(pathToFileURL(join(root, 'cast_audio', 'ep 1.mp3')).href)
    expect(store.url('cast_audio/ep 1.mp3')).toMatch(/^file:\/\/.*\/media\/cast_audio\/ep%201\.mp3$/)
  })

  it('joins the public base URL with or without a trailing slash', () => {
    expect(storage('https://example.org/media/').store.url('cast_audio/ep.mp3')).toBe(
      'https://example.org/media/cast_audio/ep.mp3',
    )
    expect(storage('https://example.org/media').store.url('cast_audio/ep.mp3')).toBe(
      'https://example.org/media/cast_audio/ep.mp3',
    )
  })

  it('encodes characters that mean something in a URL', () => {
    const { store } = storage('https://example.org/media/')
    expect(store.url('cast_files/a b#1?x=%.pdf')).toBe(
      'https://example.org/media/cast_files/a%20b%231%3Fx%3D%25.pdf',
    )
    expect(store.url('cast_files/Grüße.pdf')).toBe('https://example.org/media/cast_files/Gr%C3%BC%C3%9Fe.pdf')
    expect(store.url('javascript:alert(1)')).toBe('https://example.org/media/javascript%3Aalert(1)')
  })
})

describe('keys never leave the root', () => {
  const hostile = [
    '../outside/x.txt',
    'a/../../outside/x.txt',
    '/etc/passwd',
    'C:x',
    '..\\outside\\x.txt',
    '',
  ]

  it.each(hostile)('refuses %j in every operation', async (key) => {
    const { store, outside } = storage('https://example.org/media/')
    const plain = storage().store
    for (const attempt of [
      store.put(key, Buffer.from('x')),
      store.putFile(key, __filename),
      store.get(key),
      store.head(key),
      store.delete(key),
      Promise.resolve().then(() => store.url(key)),
      Promise.resolve().then(() => plain.url(key)),
      Promise.resolve().then(() => store.localPath(key)),
    ]) {
      expect((await rejection(attempt)).code).toBe('invalid_name')
    }
    expect(readdirSync(outside)).toEqual([])
  })

  // Containment follows links: test/integration/storage/containment.test.ts tries every operation.
  it('refuses a write through a symlinked folder that leads outside the root', async () => {
    const { store, root, outside } = storage()
    mkdirSync(root, { recursive: true })
    symlinkSync(outside, join(root, 'cast_files'))
    expect((await rejection(store.put('cast_files/escaped.txt', Buffer.from('x')))).code).toBe('unsafe_path')
    expect(readdirSync(outside)).toEqual([])
    // list does not follow links
    expect(await keys(store)).toEqual([])
  })

  it('refuses to read or delete through a symlinked file that leads outside the root', async () => {
    const { store, root, outside } = storage()
    writeFileSync(join(outside, 'secret.txt'), 'not media')
    mkdirSync(join(root, 'cast_files'), { recursive: true })
    symlinkSync(join(outside, 'secret.txt'), join(root, 'cast_files', 'link.txt'))
    expect((await rejection(store.get('cast_files/link.txt'))).code).toBe('unsafe_path')
    expect((await rejection(store.delete('cast_files/link.txt'))).code).toBe('unsafe_path')
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('not media')
  })
})

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
