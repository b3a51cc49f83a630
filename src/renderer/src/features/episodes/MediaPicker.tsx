import type { MediaItem, MediaType } from '../../../../shared/media'
import { useCall } from '../../lib/use-call'

interface Props {
  type: MediaType
  value: number | null
  label: string
  onChange: (id: number | null) => void
  /** Offer "none" (fields that may be empty); blocks always need an item. */
  optional?: boolean
}

/** Chooses one item of the library by type (the library's own ids and titles). */
export function MediaPicker({ type, value, label, onChange, optional }: Props) {
  const items = useCall('media.list', { type })
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
    >
      <option value="" disabled={!optional}>
        {optional ? '(none)' : `Choose ${type === 'image' ? 'an image' : `a ${type}`}…`}
      </option>
      {(items.data ?? []).map((item: MediaItem) => (
        <option key={item.id} value={item.id}>
          #{item.id} {item.title}
        </option>
      ))}
    </select>
  )
}
