import { describe, expect, it } from 'vitest'
import { planRendition, renditionFileName } from '../../../src/main/media/images/geometry'
import { galleryMarkup, galleryThumbnailMarkup } from '../../../src/main/media/images/markup'
import { resolveImagesForSlots } from '../../../src/main/media/images/planner'
import { plan } from './planner-helpers'

function galleryImage(alt: string) {
  const responsive = plan(6000, 4000, 'jpeg', 'gallery')
  const renditions = new Map(
    responsive.specs.map((spec) => {
      const { width, height, format } = planRendition(spec, responsive.original)
      return [spec, { url: `/m/${renditionFileName('p.jpg', spec, '', format)}`, width, height }] as const
    }),
  )
  const [modal, thumbnail] = resolveImagesForSlots(responsive, renditions, '/m/original_images/p.jpg')
  if (modal === undefined || thumbnail === undefined) throw new Error('gallery plan without two slots')
  return { modal, thumbnail, alt }
}

const THUMBNAIL =
  '<picture>' +
  '<source type="image/avif" srcset="/m/p.width-120.srgb.format-avif.avif 120w, /m/p.width-240.srgb.format-avif.avif 240w, ' +
  '/m/p.width-360.srgb.format-avif.avif 360w" sizes="120px" data-modal-src="/m/p.width-1110.format-avif.avif" ' +
  'data-modal-srcset="/m/p.width-1110.format-avif.avif 1110w, /m/p.width-2220.format-avif.avif 2220w, ' +
  '/m/p.width-3330.format-avif.avif 3330w" data-modal-sizes="1110px">' +
  '<img class="cast-gallery-thumbnail" src="/m/p.width-120.srgb.jpg" ' +
  'srcset="/m/p.width-120.srgb.jpg 120w, /m/p.width-240.srgb.jpg 240w, /m/p.width-360.srgb.jpg 360w" sizes="120px" ' +
  'width="120" height="80" alt="Oven &amp; &quot;bread&quot;" loading="lazy" data-modal-src="/m/p.width-1110.jpg" ' +
  'data-modal-srcset="/m/p.width-1110.jpg 1110w, /m/p.width-2220.jpg 2220w, /m/p.width-3330.jpg 3330w" ' +
  'data-modal-sizes="1110px" data-modal-width="1110" data-modal-height="740">' +
  '</picture>'

describe('galleryThumbnailMarkup', () => {
  it('renders a lazy thumbnail carrying its modal image', () => {
    expect(galleryThumbnailMarkup(galleryImage('Oven & "bread"'))).toBe(THUMBNAIL)
  })
})

describe('galleryMarkup', () => {
  it('lists thumbnails linking to the modal image, keeping order and duplicates', () => {
    const item = galleryImage('Oven & "bread"')
    const li = `<li class="cast-gallery-item"><a class="cast-gallery-link" href="/m/p.width-1110.jpg">${THUMBNAIL}</a></li>`
    expect(galleryMarkup([item, item])).toBe(
      `<div class="cast-gallery"><ul class="cast-gallery-list">${li}${li}</ul></div>`,
    )
  })

  it('renders an empty list for an empty gallery', () => {
    expect(galleryMarkup([])).toBe('<div class="cast-gallery"><ul class="cast-gallery-list"></ul></div>')
  })

  it('leaves out the link target while the modal rendition is missing', () => {
    const item = galleryImage('x')
    const modal = { ...item.modal, sources: item.modal.sources.map((s) => ({ ...s, src: null, srcset: [] })) }
    const html = galleryMarkup([{ ...item, modal }])
    expect(html).toContain('<a class="cast-gallery-link"><picture>')
    expect(html).not.toContain('data-modal-src=')
    expect(html).toContain('data-modal-sizes="1110px" data-modal-width="1110" data-modal-height="740"')
  })
})
