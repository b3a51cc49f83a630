import { useCallback, useEffect, useState } from 'react'
import { MEDIA_TYPES } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'
import { DetailPanel } from './DetailPanel'
import { MediaGrid } from './MediaGrid'
import { type TypeFilter, useLibrary } from './use-library'

const FILTER_LABEL: Record<TypeFilter, string> = {
  all: 'All',
  image: 'Images',
  audio: 'Audio',
  video: 'Video',
  file: 'Files',
}

interface Trashed {
  id: number
  title: string
}

/** The library: type filter, search, the grid, the selected item's detail, delete with undo. */
export function LibraryScreen({ refreshKey }: { refreshKey: number }) {
  const [type, setType] = useState<TypeFilter>('all')
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<number | null>(null)
  const [trashed, setTrashed] = useState<Trashed | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const { items, total, error, reload } = useLibrary(type, query, refreshKey)
  const current = items?.find((i) => i.id === selected) ?? null

  const remove = useCallback(
    async (id: number) => {
      const item = items?.find((i) => i.id === id)
      try {
        await requireClient().call('media.delete', { id })
        setTrashed({ id, title: item?.title ?? `#${id}` })
        setSelected(null)
        reload()
      } catch (e) {
        setNotice(messageOf(e))
      }
    },
    [items, reload],
  )

  const undo = async () => {
    if (!trashed) return
    try {
      await requireClient().call('trash.restore', { id: trashed.id })
      setSelected(trashed.id)
      setTrashed(null)
      reload()
    } catch (e) {
      setNotice(messageOf(e))
    }
  }

  useEffect(() => {
    if (!trashed) return
    const timer = setTimeout(() => setTrashed(null), 10_000)
    return () => clearTimeout(timer)
  }, [trashed])

  return (
    <div className="library">
      <div className="library-main">
        <header className="toolbar">
          <h1>Library</h1>
          <fieldset className="segmented">
            <legend className="visually-hidden">Type</legend>
            {(['all', ...MEDIA_TYPES] as TypeFilter[]).map((t) => (
              <button
                key={t}
                type="button"
                aria-pressed={type === t}
                className={type === t ? 'on' : ''}
                onClick={() => setType(t)}
              >
                {FILTER_LABEL[t]}
              </button>
            ))}
          </fieldset>
          <input
            type="search"
            className="search"
            placeholder="Search titles, chapters, transcripts…"
            aria-label="Search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </header>
        {error && <p className="error">{error}</p>}
        {notice && (
          <p className="error" role="alert">
            {notice}
          </p>
        )}
        {items && items.length === 0 && (
          <div className="empty">
            <p className="empty-title">{total === 0 ? 'Your library is empty' : 'Nothing matches'}</p>
            <p>
              {total === 0
                ? 'Drop images, episodes, videos or any file onto this window to import them.'
                : 'Try another word or type.'}
            </p>
          </div>
        )}
        {items && items.length > 0 && (
          <MediaGrid items={items} selected={selected} onSelect={setSelected} onDelete={remove} />
        )}
        <p className="status-line">
          {items ? `${items.length} of ${total} item${total === 1 ? '' : 's'}` : 'Loading…'}
        </p>
      </div>
      {current && <DetailPanel item={current} onDelete={() => remove(current.id)} onChanged={reload} />}
      {trashed && (
        <div className="toast" role="status">
          Moved “{trashed.title}” to the trash.
          <button type="button" onClick={undo}>
            Undo
          </button>
        </div>
      )}
    </div>
  )
}
