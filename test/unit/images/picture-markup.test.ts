import { describe, expect, it } from 'vitest'
import { escapeHtml, regularPictureMarkup } from '../../../src/main/media/images/markup'
import type { ImageForSlot, SrcsetEntry } from '../../../src/main/media/images/planner'

function entry(url: string, width: number, height: number): SrcsetEntry {
  return { url, width, height, realWidth: width, spec: null }
}

const ROW_ONE: ImageForSlot = {
  slot: { width: 1110, height: 740 },
  role: 'regular',
  width: 1110,
  height: 740,
  sizes: '1110px',
  specs: [],
  usesOriginal: false,
  sources: [
    {
      format: 'jpeg',
      src: '/media/images/photo.width-1110.jpg',
      srcset: [
        entry('/media/images/photo.width-1110.jpg', 1110, 740),
        entry('/media/images/photo.width-2220.jpg', 2220, 1480),
      ],
    },
    {
      format: 'avif',
      src: '/media/images/photo.width-1110.format-avif.avif',
      srcset: [
        entry('/media/images/photo.width-1110.format-avif.avif', 1110, 740),
        entry('/media/images/photo.width-2220.format-avif.avif', 2220, 1480),
      ],
    },
  ],
}

describe('regularPictureMarkup', () => {
  it('renders django-cast’s regular image: an avif source and a jpeg img with the 555px prefix', () => {
    expect(regularPictureMarkup(ROW_ONE, 'A photo')).toBe(
      '<picture>' +
        '<source type="image/avif" srcset="/media/images/photo.width-1110.format-avif.avif 1110w, ' +
        '/media/images/photo.width-2220.format-avif.avif 2220w" sizes="(max-width: 600px) 555px, 1110px">' +
        '<img class="cast-image" src="/media/images/photo.width-1110.jpg" ' +
        'srcset="/media/images/photo.width-1110.jpg 1110w, /media/images/photo.width-2220.jpg 2220w" ' +
        'sizes="(max-width: 600px) 555px, 1110px" width="1110" height="740" alt="A photo">' +
        '</picture>',
    )
  })

  it('escapes alt text and URLs', () => {
    const image: ImageForSlot = {
      ...ROW_ONE,
      sources: [{ format: 'jpeg', src: '/m/a&b".jpg', srcset: [entry('/m/a&b".jpg', 1110, 740)] }],
    }
    expect(regularPictureMarkup(image, `Tom's "best" <b>cake</b> & tea`)).toBe(
      '<picture><img class="cast-image" src="/m/a&amp;b&quot;.jpg" srcset="/m/a&amp;b&quot;.jpg 1110w" ' +
        'sizes="(max-width: 600px) 555px, 1110px" width="1110" height="740" ' +
        'alt="Tom&#x27;s &quot;best&quot; &lt;b&gt;cake&lt;/b&gt; &amp; tea"></picture>',
    )
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#x27;')
  })

  it('orders sources avif, webp, png and picks the fallback jpeg > png > webp > avif', () => {
    const image: ImageForSlot = {
      ...ROW_ONE,
      sources: [
        { format: 'png', src: '/p.png', srcset: [entry('/p.png', 1110, 740)] },
        { format: 'webp', src: '/w.webp', srcset: [entry('/w.webp', 1110, 740)] },
        { format: 'jpeg', src: '/j.jpg', srcset: [entry('/j.jpg', 1110, 740)] },
        { format: 'avif', src: '/a.avif', srcset: [entry('/a.avif', 1110, 740)] },
      ],
    }
    const sizes = 'sizes="(max-width: 600px) 555px, 1110px"'
    expect(regularPictureMarkup(image, '')).toBe(
      '<picture>' +
        `<source type="image/avif" srcset="/a.avif 1110w" ${sizes}>` +
        `<source type="image/webp" srcset="/w.webp 1110w" ${sizes}>` +
        `<source type="image/png" srcset="/p.png 1110w" ${sizes}>` +
        `<img class="cast-image" src="/j.jpg" srcset="/j.jpg 1110w" ${sizes} width="1110" height="740" alt="">` +
        '</picture>',
    )
  })

  it('falls back to png, then webp, then avif when jpeg has no files', () => {
    const only = (format: 'png' | 'webp' | 'avif', url: string): ImageForSlot => ({
      ...ROW_ONE,
      sources: [
        { format: 'jpeg', src: null, srcset: [] },
        { format, src: url, srcset: [entry(url, 1110, 740)] },
      ],
    })
    expect(regularPictureMarkup(only('png', '/p.png'), 'x')).toContain(
      '<picture><img class="cast-image" src="/p.png"',
    )
    expect(regularPictureMarkup(only('webp', '/w.webp'), 'x')).toContain(
      '<picture><img class="cast-image" src="/w.webp"',
    )
    expect(regularPictureMarkup(only('avif', '/a.avif'), 'x')).toBe(
      '<picture><img class="cast-image" src="/a.avif" srcset="/a.avif 1110w" sizes="(max-width: 600px) 555px, 1110px" ' +
        'width="1110" height="740" alt="x"></picture>',
    )
  })

  it('uses the first srcset entry as src while the 1x rendition is missing, and skips empty sources', () => {
    const image: ImageForSlot = {
      ...ROW_ONE,
      sources: [
        { format: 'jpeg', src: null, srcset: [entry('/j2.jpg', 2220, 1480)] },
        { format: 'avif', src: null, srcset: [] },
      ],
    }
    expect(regularPictureMarkup(image, 'x')).toBe(
      '<picture><img class="cast-image" src="/j2.jpg" srcset="/j2.jpg 2220w" sizes="(max-width: 600px) 555px, 1110px" ' +
        'width="1110" height="740" alt="x"></picture>',
    )
  })

  it('renders a bare img when no rendition exists yet', () => {
    const image: ImageForSlot = {
      ...ROW_ONE,
      sources: [
        { format: 'jpeg', src: null, srcset: [] },
        { format: 'avif', src: null, srcset: [] },
      ],
    }
    expect(regularPictureMarkup(image, 'x')).toBe(
      '<picture><img class="cast-image" width="1110" height="740" alt="x"></picture>',
    )
  })
})
