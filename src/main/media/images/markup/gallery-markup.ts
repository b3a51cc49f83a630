import type { ImageForSlot } from '../planner'
import { attributes } from './html-escape'
import { fallbackSource, pictureMarkup, srcsetValue } from './picture-markup'

export interface GalleryItem {
  thumbnail: ImageForSlot
  modal: ImageForSlot
  alt: string
}

/**
 * A lazy-loaded thumbnail `<picture>` that carries the modal image in data-modal-* attributes, as
 * django-cast's gallery templates do, so a viewer script can open the large version.
 */
export function galleryThumbnailMarkup(item: GalleryItem): string {
  const { thumbnail, modal, alt } = item
  const modalFallback = fallbackSource(modal)
  return pictureMarkup(thumbnail, {
    alt,
    sizes: thumbnail.sizes,
    imgClass: 'cast-gallery-thumbnail',
    lazy: true,
    sourceAttributes: (format) => {
      const source = modal.sources.find((s) => s.format === format)
      return [
        ['data-modal-src', source?.src],
        ['data-modal-srcset', source && source.srcset.length > 0 ? srcsetValue(source.srcset) : null],
        ['data-modal-sizes', modal.sizes],
      ]
    },
    imgAttributes: [
      ['data-modal-src', modalFallback?.src],
      [
        'data-modal-srcset',
        modalFallback && modalFallback.srcset.length > 0 ? srcsetValue(modalFallback.srcset) : null,
      ],
      ['data-modal-sizes', modal.sizes],
      ['data-modal-width', modal.width],
      ['data-modal-height', modal.height],
    ],
  })
}

/** django-cast's plain-theme gallery: a list of thumbnails, each linking to its modal-size image. */
export function galleryMarkup(items: readonly GalleryItem[]): string {
  const entries = items.map((item) => {
    const href = fallbackSource(item.modal)?.src
    const link = `<a${attributes([
      ['class', 'cast-gallery-link'],
      ['href', href],
    ])}>${galleryThumbnailMarkup(item)}</a>`
    return `<li class="cast-gallery-item">${link}</li>`
  })
  return `<div class="cast-gallery"><ul class="cast-gallery-list">${entries.join('')}</ul></div>`
}
