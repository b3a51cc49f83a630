import { useEffect, useState } from 'react'
import type { MediaItem } from '../../../../shared/media'
import { requireClient } from '../../lib/client'
import { mediaUrl, renditionKey } from '../../lib/media-url'

export const THUMB_SPEC = 'fill-320x240|format-webp'
const cache = new Map<number, string>()
const SETTLE_MS = 120

/** An image's rendition URL for a spec (cached per image id for the grid's spec). */
export function useRendition(imageId: number | null, spec = THUMB_SPEC): string | null {
  const cached = imageId !== null && spec === THUMB_SPEC ? cache.get(imageId) : undefined
  const [url, setUrl] = useState<string | null>(cached ?? null)
  useEffect(() => {
    if (imageId === null || cached) return
    let live = true
    // Only for a card that stays in view: a fast scroll past thousands of cards asks for none.
    const timer = setTimeout(() => {
      requireClient()
        .call('images.rendition', { id: imageId, spec })
        .then((info) => {
          const made = mediaUrl(renditionKey(info))
          if (spec === THUMB_SPEC) cache.set(imageId, made)
          if (live) setUrl(made)
        })
        .catch(() => undefined)
    }, SETTLE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [imageId, spec, cached])
  return cached ?? url
}

const ICON: Record<MediaItem['type'], string> = { image: '▣', audio: '♪', video: '▶', file: '▤' }

/** The picture of an item in the grid: image rendition, video poster, or a type icon. */
export function Thumb({ item }: { item: MediaItem }) {
  const imageId =
    item.type === 'image' ? item.id : item.type === 'video' ? (item.poster?.image_id ?? null) : null
  const src = useRendition(imageId)
  if (src) return <img className="thumb-img" src={src} alt="" loading="lazy" draggable={false} />
  return (
    <div className={`thumb-icon thumb-${item.type}`} aria-hidden="true">
      <span>{ICON[item.type]}</span>
      {item.type === 'file' && <small>{item.file.original_name?.split('.').at(-1) ?? item.mime}</small>}
    </div>
  )
}
