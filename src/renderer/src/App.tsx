import { useEffect, useState } from 'react'
import { formatBytes, formatDuration } from '../../shared/format'
import type { MediaItem } from '../../shared/media'
import { findClient } from './client'

export function App() {
  const client = findClient()
  const [items, setItems] = useState<MediaItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!client) return
    client
      .call('media.list', {})
      .then(setItems)
      .catch((e: Error) => setError(e.message))
  }, [client])

  return (
    <main className="app">
      <header className="app-header">
        <h1>Castdesk</h1>
        <p>Your podcast media library</p>
      </header>
      {!client && (
        <p className="notice">Castdesk’s engine is not connected: open this window from the Castdesk app.</p>
      )}
      {error && <p className="error">{error}</p>}
      {items && items.length === 0 && (
        <p className="notice">Your library is empty. Import files with “castdesk import”.</p>
      )}
      {items && items.length > 0 && (
        <ul className="media-list">
          {items.map((item) => (
            <li key={item.id}>
              <span className={`badge badge-${item.type}`}>{item.type}</span>
              <span className="title">{item.title}</span>
              <span className="meta">{summary(item)}</span>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}

function summary(item: MediaItem): string {
  switch (item.type) {
    case 'image':
      return `${item.width}×${item.height} ${item.format}`
    case 'audio':
      return `${formatDuration(item.duration_ms)} · ${item.files.map((f) => f.format).join(' + ')}`
    case 'video':
      return `${item.width ?? '?'}×${item.height ?? '?'} · ${formatDuration(item.duration_ms)}`
    case 'file':
      return `${item.mime} · ${formatBytes(item.size)}`
  }
}
