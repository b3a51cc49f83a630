import { describe, expect, it } from 'vitest'
import {
  formatExtension,
  renditionFileName,
  renditionStorageKey,
  splitExtension,
} from '../../../src/main/media/images/geometry'

describe('renditionFileName (Wagtail rendition file-name tests)', () => {
  it('names a plain filter', () => {
    expect(renditionFileName('test_rf1.png', 'width-100', '', 'png')).toBe('test_rf1.width-100.png')
  })

  it('puts the focal key in front of a fill spec', () => {
    expect(renditionFileName('test_rf2.png', 'fill-100x100', '2e16d0ba', 'png')).toBe(
      'test_rf2.2e16d0ba.fill-100x100.png',
    )
    expect(renditionFileName('test_rf3.png', 'fill-100x100', '15ee4958', 'png')).toBe(
      'test_rf3.15ee4958.fill-100x100.png',
    )
  })

  it('turns pipes into dots', () => {
    expect(renditionFileName('test_rf4.png', 'fill-200x200|height-150', '15ee4958', 'png')).toBe(
      'test_rf4.15ee4958.fill-200x200.height-150.png',
    )
    expect(renditionFileName('test.png', 'width-200|format-webp', '', 'webp')).toBe(
      'test.width-200.format-webp.webp',
    )
    expect(renditionFileName('test.png', 'width-200|jpegquality-40', '', 'png')).toBe(
      'test.width-200.jpegquality-40.png',
    )
  })

  it('uses .jpg for jpeg and names django-cast’s renditions', () => {
    expect(renditionFileName('original_images/photo.jpg', 'width-1110', '', 'jpeg')).toBe(
      'photo.width-1110.jpg',
    )
    expect(renditionFileName('photo.jpg', 'width-2220|format-avif', '', 'avif')).toBe(
      'photo.width-2220.format-avif.avif',
    )
    expect(renditionFileName('photo.jpg', 'width-120|srgb|format-avif', '', 'avif')).toBe(
      'photo.width-120.srgb.format-avif.avif',
    )
  })

  it('adds the key only when the spec has a fill', () => {
    expect(renditionFileName('a.jpg', 'width-100', '2e16d0ba', 'jpeg')).toBe('a.width-100.jpg')
  })

  it('cuts the stem so the name stays within 59 characters (+ the dot)', () => {
    const name = renditionFileName(`${'x'.repeat(70)}.jpg`, 'fill-100x100', '2e16d0ba', 'jpeg')
    expect(name).toBe(`${'x'.repeat(34)}.2e16d0ba.fill-100x100.jpg`)
    expect(name.length).toBe(60)
    expect(renditionFileName(`${'x'.repeat(70)}.jpg`, 'fill-100x100', '', 'jpeg')).toBe(
      `${'x'.repeat(43)}.fill-100x100.jpg`,
    )
  })

  it('cuts from the end of the stem when the spec alone is too long (Python slice)', () => {
    const spec = `${'width-100|'.repeat(6)}format-webp`
    expect(renditionFileName('abcdefghijklmnopqrstuvwxyz.png', spec, '', 'webp')).toBe(
      `abcdefghi.${'width-100.'.repeat(6)}format-webp.webp`,
    )
    expect(renditionFileName('abc.png', spec, '', 'webp')).toBe(`.${'width-100.'.repeat(6)}format-webp.webp`)
  })

  it('counts characters as Python does (code points)', () => {
    const face = '\u{1F600}'
    expect(renditionFileName(`${face.repeat(50)}.jpg`, 'width-100', '', 'jpeg')).toBe(
      `${face.repeat(46)}.width-100.jpg`,
    )
  })

  it('splits extensions like os.path.splitext', () => {
    expect(splitExtension('.hidden')).toEqual(['.hidden', ''])
    expect(splitExtension('..a')).toEqual(['..a', ''])
    expect(splitExtension('a.b.c')).toEqual(['a.b', '.c'])
    expect(splitExtension('.a.b')).toEqual(['.a', '.b'])
    expect(splitExtension('a.')).toEqual(['a', '.'])
    expect(renditionFileName('archive.tar.png', 'width-10', '', 'png')).toBe('archive.tar.width-10.png')
    expect(renditionFileName('.hidden', 'width-10', '', 'png')).toBe('.hidden.width-10.png')
  })

  it('maps every output format to its extension', () => {
    expect(['jpeg', 'png', 'gif', 'webp', 'avif'].map((f) => formatExtension(f as 'jpeg'))).toEqual([
      '.jpg',
      '.png',
      '.gif',
      '.webp',
      '.avif',
    ])
  })
})

describe('renditionStorageKey', () => {
  it('stores under images/', () => {
    expect(renditionStorageKey('photo.width-1110.jpg')).toBe('images/photo.width-1110.jpg')
  })

  it('applies Django’s get_valid_filename', () => {
    expect(renditionStorageKey(' my photo (1).width-100.jpg ')).toBe('images/my_photo_1.width-100.jpg')
    expect(renditionStorageKey('Grüße/..\\x.width-100.jpg')).toBe('images/Grüße..x.width-100.jpg')
  })
})
