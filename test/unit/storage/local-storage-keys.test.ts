import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { keys, localStorageFixture, rejection } from './support/local-storage-fixture'

// LocalStorage: how a key becomes a path and a URL, and that no key or link leads out of the root.
const { storage } = localStorageFixture()

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
