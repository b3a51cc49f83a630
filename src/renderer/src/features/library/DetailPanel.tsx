import { useState } from 'react'
import { formatBytes } from '../../../../shared/format'
import type { MediaItem } from '../../../../shared/media'
import { desktop, messageOf } from '../../lib/client'
import { mediaUrl } from '../../lib/media-url'
import { AudioDetail } from '../audio/AudioDetail'
import { UsedIn } from '../episodes/UsedIn'
import { ImageDetail } from '../image/ImageDetail'
import { VideoDetail } from '../video/VideoDetail'
import { itemSummary } from './summary'

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
          {desktop && <RevealButton id={item.id} />}
        </div>
        <button type="button" className="danger" onClick={onDelete}>
          Move to trash
        </button>
      </header>
      {item.type === 'image' && <ImageDetail item={item} onChanged={onChanged} />}
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

/** Desktop only: shows the item's file in Finder, Explorer or the file manager. */
function RevealButton({ id }: { id: number }) {
  const [error, setError] = useState<string | null>(null)
  const reveal = () => {
    setError(null)
    desktop?.revealInFolder(id).catch((e: unknown) => setError(messageOf(e)))
  }
  return (
    <>
      <button type="button" className="detail-tool" onClick={reveal}>
        Reveal in folder
      </button>
      {error && (
        <p className="error-inline" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
