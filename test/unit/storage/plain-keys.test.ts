import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalStorage } from '../../../src/main/storage/local-storage'
import { isPlainKey, safeStem, unsafeKeyReason } from '../../../src/main/storage/storage-keys'

// Plain keys skip the full key check and resolve(): for them both must give what they would.
const ALPHABET = ['a', 'Z', '0', '_', '-', '.', '/', '\\', ':', ' ', 'é', '\u0000', '\u202e', '%']

/** A deterministic pseudo-random key of up to 12 characters from ALPHABET (xorshift32). */
function keys(count: number): string[] {
  let state = 0x9e3779b9
  const next = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
  return Array.from({ length: count }, () =>
    Array.from(
      { length: Math.floor(next() * 13) },
      () => ALPHABET[Math.floor(next() * ALPHABET.length)],
    ).join(''),
  )
}

describe('plain storage keys', () => {
  it('are keys the full check accepts, and the keys Castdesk makes from ASCII names', () => {
    const sample = keys(50_000)
    const plain = sample.filter(isPlainKey)
    expect(plain.length).toBeGreaterThan(1_000)
    expect(sample.length - plain.length).toBeGreaterThan(1_000)
    for (const key of plain) expect(unsafeKeyReason(key), key).toBeNull()
    for (const key of [
      'cast_files/note-9999.txt',
      'images/photo.2e1c9f.fill-1110x740.jpegquality-60.avif',
      `original_images/${safeStem('My Photo (1)')}.png`,
      'x'.repeat(1024),
    ])
      expect(isPlainKey(key), key).toBe(true)
  })

  it('are never a key the full check refuses, nor a hidden, non-ASCII or over-long one', () => {
    for (const key of [
      '',
      '.',
      '..',
      '../outside/x.txt',
      'a/../../outside/x.txt',
      'a/./b',
      'a//b',
      'a/',
      '/etc/passwd',
      'C:x',
      '..\\outside\\x.txt',
      'cast_files/.hidden',
      'original_images/日本語.png',
      'x'.repeat(1025),
      'a\u0000b',
    ])
      expect(isPlainKey(key), key).toBe(false)
  })

  it('give the same path as resolve() under a local storage root', () => {
    // Nothing is written: the root need not exist.
    const root = resolve(join(tmpdir(), 'castdesk-plain-keys-not-made', 'media'))
    const store = new LocalStorage('default', root)
    for (const key of keys(20_000).filter(isPlainKey)) expect(store.localPath(key)).toBe(resolve(root, key))
  })
})
