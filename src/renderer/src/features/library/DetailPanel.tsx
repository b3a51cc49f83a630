import { formatBytes } from '../../../../shared/format'
import type { MediaItem } from '../../../../shared/media'
import { mediaUrl } from '../../lib/media-url'
import { AudioDetail } from '../audio/AudioDetail'
import { UsedIn } from '../episodes/UsedIn'
import { VideoDetail } from '../video/VideoDetail'
import { itemSummary } from './summary'
import { useRendition } from './Thumb'

interface Props {
  item: MediaItem
  onDelete: () => void
  onChanged: () => void
}

/** The selected item: a preview and what a podcaster edits for its type. */
export function DetailPanel({ item, onDelete, onChanged }: Props) {
  return (
    <aside className="detail" aria-label="Details">
      <header className="detail-head">
        <div>
          <h2>{item.title}</h2>
          <p className="muted">
            {item.type} #{item.id} · {itemSummary(item)}
          </p>
        </div>
        <button type="button" className="danger" onClick={onDelete}>
          Move to trash
        </button>
      </header>
      {item.type === 'image' && <ImageDetail item={item} />}
      {item.type === 'audio' && <AudioDetail item={item} />}
      {item.type === 'video' && <VideoDetail item={item} onChanged={onChanged} />}
      {item.type === 'file' && (
        <dl className="facts">
          <dt>Original name</dt>
          <dd>{item.file.original_name ?? '—'}</dd>
          <dt>Type</dt>
          <dd>{item.mime}</dd>
          <dt>Size</dt>
          <dd>{formatBytes(item.size)}</dd>
          <dt>Download</dt>
          <dd>
            <a href={mediaUrl(item.file.key)} download>
              {item.file.key.split('/').at(-1)}
            </a>
          </dd>
        </dl>
      )}
      <UsedIn mediaId={item.id} />
    </aside>
  )
}

function ImageDetail({ item }: { item: Extract<MediaItem, { type: 'image' }> }) {
  const src = useRendition(item.id, 'max-800x600|format-webp')
  return (
    <>
      <div className="preview">{src && <img src={src} alt={item.alt_text || item.title} />}</div>
      <dl className="facts">
        <dt>Size</dt>
        <dd>
          {item.width}×{item.height} px · {formatBytes(item.file.size)}
        </dd>
        <dt>Alt text</dt>
        <dd>{item.alt_text || <span className="muted">none yet</span>}</dd>
        <dt>Tags</dt>
        <dd>{item.tags.length ? item.tags.join(', ') : <span className="muted">none</span>}</dd>
      </dl>
    </>
  )
}
