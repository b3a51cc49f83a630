import { useState } from 'react'
import { formatBytes } from '../../../../shared/format'
import type { ImageItem } from '../../../../shared/media'
import { useRendition } from '../library/Thumb'
import { AltTextEditor } from './AltTextEditor'
import { FocalPicker } from './FocalPicker'
import { PictureMarkup } from './PictureMarkup'

/** An image: the focal-point picker on its preview, alt text, and the responsive picture it makes. */
export function ImageDetail({ item, onChanged }: { item: ImageItem; onChanged: () => void }) {
  const src = useRendition(item.id, 'max-800x600|format-webp')
  // Bumped by every change the picture's markup shows (crops, alt text).
  const [version, setVersion] = useState(0)
  const changed = () => {
    setVersion((v) => v + 1)
    onChanged()
  }
  return (
    <>
      <FocalPicker key={item.id} item={item} src={src} onChanged={changed} />
      <dl className="facts">
        <dt>Size</dt>
        <dd>
          {item.width}×{item.height} px · {item.format.toUpperCase()} · {formatBytes(item.file.size)}
        </dd>
        <dt>Tags</dt>
        <dd>{item.tags.length ? item.tags.join(', ') : <span className="muted">none</span>}</dd>
      </dl>
      <AltTextEditor key={`alt-${item.id}`} item={item} onChanged={changed} />
      <PictureMarkup id={item.id} alt={item.alt_text || item.title} version={version} />
    </>
  )
}
