import { useCall } from '../../lib/use-call'
import { useRendition } from '../library/Thumb'

/** One image of a gallery block: its thumbnail and title, and a button that takes it out. */
export function ImageChip({ id, onRemove }: { id: number; onRemove: () => void }) {
  const src = useRendition(id)
  const item = useCall('media.show', { id })
  const title = item.data?.title ?? `#${id}`
  return (
    <li className="chip image-chip">
      {src ? <img src={src} alt="" /> : <span className="chip-thumb" aria-hidden="true" />}
      <span className="chip-title" title={title}>
        {title}
      </span>
      <button type="button" aria-label={`Remove image #${id} from the gallery`} onClick={onRemove}>
        ×
      </button>
    </li>
  )
}

/** The picked image of an image block, shown beside its picker. */
export function PickedImage({ id }: { id: number | null }) {
  const src = useRendition(id)
  return src ? <img className="picked-image" src={src} alt="" /> : null
}
