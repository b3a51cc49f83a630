import { useCallback, useEffect, useMemo, useState } from 'react'
import { MEDIA_TYPES } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'
import { DetailPanel } from './DetailPanel'
import { filterItems, NEEDS, type Need, nextSelection, type SelectMode, tagsOf } from './filters'
import { MediaGrid } from './MediaGrid'
import { useJobsSettled } from './use-jobs-settled'
import { type TypeFilter, useLibrary } from './use-library'

const FILTER_LABEL: Record<TypeFilter, string> = {
  all: 'All',
  image: 'Images',
  audio: 'Audio',
  video: 'Video',
  file: 'Files',
}

interface Trashed {
  ids: number[]
  label: string
}

/** The library: filters, search, the grid with multi-select, the focused item's detail, delete with undo. */
export function LibraryScreen({ refreshKey }: { refreshKey: number }) {
  const [type, setType] = useState<TypeFilter>('all')
  const [need, setNeed] = useState<Need>('all')
  const [tag, setTag] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [focused, setFocused] = useState<number | null>(null)
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  const [trashed, setTrashed] = useState<Trashed | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const library = useLibrary(type, query, refreshKey)
  const { total, error, reload } = library
  useJobsSettled(reload)
  const tags = useMemo(() => tagsOf(library.items ?? []), [library.items])
  const items = useMemo(
    () => (library.items ? filterItems(library.items, need, tag) : null),
    [library.items, need, tag],
  )
  const current = items?.find((i) => i.id === focused) ?? null

  const select = useCallback(
    (id: number, mode: SelectMode) => {
      setSelected((before) => nextSelection(items ?? [], before, focused, id, mode))
      if (mode !== 'all') setFocused(id)
    },
    [items, focused],
  )

  const remove = useCallback(async () => {
    const ids = [...selected]
    if (ids.length === 0) return
    const done: number[] = []
    try {
      for (const id of ids) {
        await requireClient().call('media.delete', { id })
        done.push(id)
      }
    } catch (e) {
      setNotice(messageOf(e))
    }
    if (done.length) {
      const first = items?.find((i) => i.id === done[0])
      setTrashed({
        ids: done,
        label: done.length === 1 ? `“${first?.title ?? `#${done[0]}`}”` : `${done.length} items`,
      })
      setSelected(new Set())
      setFocused(null)
      reload()
    }
  }, [selected, items, reload])

  const undo = async () => {
    if (!trashed) return
    try {
      for (const id of trashed.ids) await requireClient().call('trash.restore', { id })
      setSelected(new Set(trashed.ids))
      setFocused(trashed.ids[0] ?? null)
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

  const filtered = need !== 'all' || tag !== null
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
        <div className="filters">
          <label>
            <span className="muted">Show</span>
            <select aria-label="Show" value={need} onChange={(e) => setNeed(e.target.value as Need)}>
              {Object.entries(NEEDS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {tags.length > 0 && (
            <label>
              <span className="muted">Tag</span>
              <select aria-label="Tag" value={tag ?? ''} onChange={(e) => setTag(e.target.value || null)}>
                <option value="">Any tag</option>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          )}
          {selected.size > 1 && (
            <div className="selection-bar" role="status">
              <strong>{selected.size} selected</strong>
              <button type="button" className="danger" onClick={remove}>
                Move {selected.size} to trash
              </button>
              <button type="button" onClick={() => setSelected(new Set())}>
                Clear selection
              </button>
            </div>
          )}
        </div>
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
                : filtered
                  ? 'Nothing here still needs that: pick another filter.'
                  : 'Try another word or type.'}
            </p>
          </div>
        )}
        {items && items.length > 0 && (
          <MediaGrid
            items={items}
            focused={focused}
            selected={selected}
            onSelect={select}
            onDelete={remove}
          />
        )}
        <p className="status-line">
          {items ? `${items.length} of ${total} item${total === 1 ? '' : 's'}` : 'Loading…'}
        </p>
      </div>
      {current && (
        <DetailPanel
          item={current}
          onDelete={() => {
            setSelected(new Set([current.id]))
            void (async () => {
              await requireClient()
                .call('media.delete', { id: current.id })
                .then(() => {
                  setTrashed({ ids: [current.id], label: `“${current.title}”` })
                  setSelected(new Set())
                  setFocused(null)
                  reload()
                })
                .catch((e: unknown) => setNotice(messageOf(e)))
            })()
          }}
          onChanged={reload}
        />
      )}
      {trashed && (
        <div className="toast" role="status">
          Moved {trashed.label} to the trash.
          <button type="button" onClick={undo}>
            Undo
          </button>
        </div>
      )}
    </div>
  )
}
