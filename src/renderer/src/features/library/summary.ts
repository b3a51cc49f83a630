import { formatBytes, formatDuration } from '../../../../shared/format'
import type { MediaItem } from '../../../../shared/media'

/** One line about an item, as the grid and the detail panel show it. */
export function itemSummary(item: MediaItem): string {
  switch (item.type) {
    case 'image':
      return `${item.width}×${item.height} · ${item.format.toUpperCase()}`
    case 'audio':
      return `${formatDuration(item.duration_ms)} · ${item.files.map((f) => f.format.toUpperCase()).join(' + ')}`
    case 'video':
      return `${item.width ?? '?'}×${item.height ?? '?'} · ${formatDuration(item.duration_ms)}`
    case 'file':
      return `${item.mime} · ${formatBytes(item.size)}`
  }
}
