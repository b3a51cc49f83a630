import { describe, expect, it } from 'vitest'
import {
  assertSafeKey,
  displayName,
  KEY_PREFIX,
  MANAGED_PREFIXES,
  originalKey,
  printable,
  safeStem,
} from '../../../src/main/storage/storage-keys'
import { CastdeskError } from '../../../src/shared/errors'

function refusal(key: string): { code: string; message: string } {
  try {
    assertSafeKey(key)
  } catch (error) {
    expect(error).toBeInstanceOf(CastdeskError)
    return { code: (error as CastdeskError).code, message: (error as Error).message }
  }
  throw new Error(`expected ${JSON.stringify(key)} to be refused`)
}

const SEGMENT = 'has an empty, "." or ".." segment'

describe('assertSafeKey', () => {
  it.each([
    'cast_audio/ep12.mp3',
    'images/photo.2e1c9f.fill-1110x740.jpegquality-60.avif',
    'original_images/日本語.png',
    'cast_files/.hidden',
    'cast_files/a..b',
    'x',
    'x'.repeat(1024),
    'é'.repeat(512),
  ])('accepts %j', (key) => {
    expect(() => assertSafeKey(key)).not.toThrow()
  })

  it.each<[string, string]>([
    ['', 'The storage key "" is empty.'],
    ['../x', `The storage key "../x" ${SEGMENT}.`],
    ['..', `The storage key ".." ${SEGMENT}.`],
    ['a/../b', `The storage key "a/../b" ${SEGMENT}.`],
    ['a/..', `The storage key "a/.." ${SEGMENT}.`],
    ['./a', `The storage key "./a" ${SEGMENT}.`],
    ['a/./b', `The storage key "a/./b" ${SEGMENT}.`],
    ['a//b', `The storage key "a//b" ${SEGMENT}.`],
    ['a/', `The storage key "a/" ${SEGMENT}.`],
    ['/abs', 'The storage key "/abs" is absolute.'],
    ['/etc/passwd', 'The storage key "/etc/passwd" is absolute.'],
    ['C:x', 'The storage key "C:x" starts with a drive letter.'],
    ['c:/windows/x', 'The storage key "c:/windows/x" starts with a drive letter.'],
    ['a\\b', 'The storage key "a\\b" contains a backslash.'],
    ['..\\..\\x', 'The storage key "..\\..\\x" contains a backslash.'],
    ['\\\\server\\share\\x', 'The storage key "\\\\server\\share\\x" contains a backslash.'],
    ['a\u0000b', 'The storage key "ab" contains control characters.'],
    ['cast_files/a\nb', 'The storage key "cast_files/ab" contains control characters.'],
    ['a\u001fb', 'The storage key "ab" contains control characters.'],
    ['a\u007fb', 'The storage key "ab" contains control characters.'],
    ['a\u0085b', 'The storage key "ab" contains control characters.'],
  ])('refuses %j', (key, message) => {
    expect(refusal(key)).toEqual({ code: 'invalid_name', message })
  })

  it('refuses keys over 1024 bytes, counting UTF-8 bytes, and shows only the start of them', () => {
    expect(refusal('x'.repeat(1025))).toEqual({
      code: 'invalid_name',
      message: `The storage key "${'x'.repeat(200)}" is longer than 1024 bytes.`,
    })
    // 513 two-byte characters: 513 UTF-16 units but 1026 bytes
    expect(refusal('é'.repeat(513)).message).toBe(
      `The storage key "${'é'.repeat(200)}" is longer than 1024 bytes.`,
    )
  })
})

describe('safeStem', () => {
  it.each<[string, string]>([
    ['../../etc/passwd', 'etcpasswd'],
    ['..\\..\\windows\\system32', 'windowssystem32'],
    ['/abs/olute', 'absolute'],
    ['Ep. 12: Hello, World!', 'Ep._12_Hello_World'],
    ['My Episode\t12\n', 'My_Episode_12'],
    ['a...b', 'a.b'],
    ['.hidden', 'hidden'],
    ['-rf', 'rf'],
    ['日本語のポッドキャスト', '日本語のポッドキャスト'],
    ['Grüße aus Köln', 'Grüße_aus_Köln'],
  ])('%j → %j', (name, stem) => {
    expect(safeStem(name)).toBe(stem)
  })

  it('removes control characters', () => {
    expect(safeStem('x\u0000y\u001fz\u007f\u0085!')).toBe('xyz')
    expect(safeStem('line\r\nbreak')).toBe('line_break')
  })

  it('removes right-to-left overrides and other direction and invisible characters', () => {
    // "invoice<RLO>gpj.exe" shows as "invoiceexe.jpg" in a file manager
    expect(safeStem('invoice\u202Egpj.exe')).toBe('invoicegpj.exe')
    expect(safeStem('\u2066ab\u2069\u200Bc\u200Fd\uFEFF')).toBe('abcd')
    expect(safeStem('\u202E')).toBe('file')
  })

  it('gives the same NFC result for NFD and NFC input', () => {
    const nfc = 'Caf\u00e9 \u00c5ngstr\u00f6m'
    const nfd = nfc.normalize('NFD')
    expect(nfd).not.toBe(nfc)
    expect(safeStem(nfd)).toBe('Caf\u00e9_\u00c5ngstr\u00f6m')
    expect(safeStem(nfc)).toBe(safeStem(nfd))
  })

  it('drops emoji (ZWJ sequences and variation selectors too)', () => {
    expect(safeStem('🎙️ Episode 12 🎧')).toBe('Episode_12')
    expect(safeStem('👩‍👩‍👧 family')).toBe('family')
    expect(safeStem('😀😀😀')).toBe('file')
  })

  it('falls back to "file" for names of only punctuation, spaces or nothing', () => {
    for (const name of ['', ' ', '   ', '...', '._-', '!!!...---???', '/', '..', '\u0000']) {
      expect(safeStem(name)).toBe('file')
    }
  })

  it('cuts very long names to 80 characters', () => {
    expect(safeStem('x'.repeat(300))).toBe('x'.repeat(80))
    expect(safeStem(`${'a'.repeat(300)}.mp3`)).toBe('a'.repeat(80))
  })

  it('cuts by characters, never inside a surrogate pair', () => {
    const script = '\u{1D49C}' // MATHEMATICAL SCRIPT CAPITAL A, a letter outside the BMP
    expect(safeStem(script.repeat(300))).toBe(script.repeat(80))
  })

  it('never ends in ".", "_" or "-", also when the cut falls right after one', () => {
    expect(safeStem(`${'a'.repeat(79)}.b${'c'.repeat(220)}`)).toBe('a'.repeat(79))
    expect(safeStem(`${'a'.repeat(78)}_-${'c'.repeat(220)}`)).toBe('a'.repeat(78))
  })

  it('only ever returns letters, digits, "_", "-" and single dots, at most 80 characters', () => {
    const nasty = [
      '../../etc/passwd',
      'a/../../b',
      '\u0000\u202E../x',
      `${'.'.repeat(100)}${'-'.repeat(100)}`,
      `${'ab.'.repeat(100)}`,
      '<script>alert(1)</script>',
      'CON',
      'name:with*wild?chars|"<>',
      'e\u0301'.repeat(200),
      `${'x'.repeat(79)}\u202E.${'y'.repeat(50)}`,
    ]
    for (const name of nasty) {
      const stem = safeStem(name)
      expect(stem).toMatch(/^[\p{L}\p{N}](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}])?$/u)
      expect(stem).not.toContain('..')
      expect(Array.from(stem).length).toBeLessThanOrEqual(80)
      expect(stem.normalize('NFC')).toBe(stem)
    }
  })
})

describe('originalKey', () => {
  it("uses django-cast's folders", () => {
    expect(originalKey('image', 'Cover Art', 'jpg')).toBe('original_images/Cover_Art.jpg')
    expect(originalKey('audio', 'Episode 12', 'mp3')).toBe('cast_audio/Episode_12.mp3')
    expect(originalKey('video', 'clip', 'mp4')).toBe('cast_videos/clip.mp4')
    expect(originalKey('file', 'notes', null)).toBe('cast_files/notes')
  })

  it('adds a suffix the way Django tells same-named files apart', () => {
    expect(originalKey('audio', 'Episode 12', 'mp3', 'a1b2c3d')).toBe('cast_audio/Episode_12_a1b2c3d.mp3')
  })

  it('makes safe keys from hostile names', () => {
    for (const stem of ['../../etc/passwd', '\\..\\x', '', '\u202E', 'C:', 'x'.repeat(5000)]) {
      const key = originalKey('file', stem, 'txt')
      expect(() => assertSafeKey(key)).not.toThrow()
      expect(key.startsWith('cast_files/')).toBe(true)
      expect(key.split('/')).toHaveLength(2)
    }
  })

  it('writes only under prefixes media_stale manages', () => {
    const unmanaged = Object.values(KEY_PREFIX).filter(
      (prefix) => !MANAGED_PREFIXES.some((managed) => prefix.startsWith(managed)),
    )
    expect(unmanaged).toEqual([])
  })
})

describe('displayName and printable', () => {
  it('keep the name readable but drop control and direction characters', () => {
    expect(displayName('  Episode\u0000 12\u202E\u200B  ')).toBe('Episode 12')
    expect(displayName('Cafe\u0301.mp3')).toBe('Caf\u00e9.mp3')
    expect(displayName(' my file (final).mp3 ')).toBe('my file (final).mp3')
  })

  it('printable shows at most 200 characters', () => {
    expect(printable('y'.repeat(500))).toBe('y'.repeat(200))
  })
})
