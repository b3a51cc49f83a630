import { useVirtualizer } from '@tanstack/react-virtual'
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import type { MediaItem } from '../../../../shared/media'
import { desktop } from '../../lib/client'
import type { SelectMode } from './filters'
import { itemSummary } from './summary'
import { Thumb } from './Thumb'

const CARD_MIN = 200
const ROW_HEIGHT = 232

interface Props {
  items: MediaItem[]
  /** The item the keyboard moves from and the detail panel shows. */
  focused: number | null
  selected: ReadonlySet<number>
  onSelect: (id: number, mode: SelectMode) => void
  onDelete: () => void
}

/** A virtualized grid: only the visible rows exist, so 100,000 items scroll like 100. */
export function MediaGrid({ items, focused, selected, onSelect, onDelete }: Props) {
  const parent = useRef<HTMLDivElement>(null)
  const [columns, setColumns] = useState(4)
  useEffect(() => {
    const el = parent.current
    if (!el) return
    const observer = new ResizeObserver(() => setColumns(Math.max(1, Math.floor(el.clientWidth / CARD_MIN))))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  const rows = Math.ceil(items.length / columns)
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 3,
  })

  const onKey = (e: KeyboardEvent) => {
    const index = items.findIndex((i) => i.id === focused)
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[e.key]
    if (step !== undefined) {
      e.preventDefault()
      const next = items[Math.min(items.length - 1, Math.max(0, index + step))]
      if (next) {
        onSelect(next.id, e.shiftKey ? 'range' : 'single')
        virtualizer.scrollToIndex(Math.floor(items.indexOf(next) / columns))
      }
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && selected.size > 0) {
      onDelete()
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      const first = items[0]
      if (first) onSelect(first.id, 'all')
    }
  }

  return (
    <div
      className="grid-scroll"
      ref={parent}
      role="listbox"
      aria-label="Media"
      aria-multiselectable="true"
      tabIndex={0}
      onKeyDown={onKey}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className="grid-row"
            style={{
              transform: `translateY(${row.start}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {items.slice(row.index * columns, row.index * columns + columns).map((item) => (
              <div
                key={item.id}
                role="option"
                tabIndex={-1}
                aria-selected={selected.has(item.id)}
                className={`card${selected.has(item.id) ? ' selected' : ''}${item.id === focused ? ' focused' : ''}`}
                data-testid="media-card"
                onClick={(e) =>
                  onSelect(item.id, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'single')
                }
                draggable={desktop !== null}
                onDragStart={(e) => {
                  // Desktop only: the OS drags the item's file out to other apps (Finder, a DAW, a browser upload).
                  e.preventDefault()
                  desktop?.startDrag(item.id)
                }}
                onKeyDown={undefined}
              >
                <div className="thumb">
                  <Thumb item={item} />
                  <span className={`badge badge-${item.type}`}>{item.type}</span>
                </div>
                <div className="card-title" title={item.title}>
                  {item.title}
                </div>
                <div className="card-meta">{itemSummary(item)}</div>
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  )
}
