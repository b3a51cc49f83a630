import { type PointerEvent, useRef, useState } from 'react'
import type { FocalPoint, ImageItem } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'
import { type DragBox, focalFromBox, focalToPercent } from './focal-geometry'

interface Props {
  item: ImageItem
  src: string | null
  onChanged: () => void
}

/** The preview: drag a box over what must stay in every crop (Wagtail's focal point). */
export function FocalPicker({ item, src, onChanged }: Props) {
  const frame = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<DragBox | null>(null)
  const [focal, setFocal] = useState<FocalPoint | null>(item.focal_point)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const source = { width: item.width, height: item.height }

  const point = (e: PointerEvent) => {
    const rect = (frame.current as HTMLDivElement).getBoundingClientRect()
    return { x: e.clientX - rect.left, y: e.clientY - rect.top, rect }
  }

  const save = async (next: FocalPoint | null) => {
    setMessage(null)
    try {
      const out = await requireClient().call('images.focal', { id: item.id, focal: next })
      setFocal(out.focal_point)
      const redo = out.renditions_removed
        ? ` ${out.renditions_removed} cropped renditions will be made again.`
        : ''
      setMessage({ ok: true, text: `${next ? 'Focal point saved.' : 'Focal point cleared.'}${redo}` })
      onChanged()
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) })
    }
  }

  const shownBox = drag
    ? {
        left: Math.min(drag.x0, drag.x1),
        top: Math.min(drag.y0, drag.y1),
        width: Math.abs(drag.x1 - drag.x0),
        height: Math.abs(drag.y1 - drag.y0),
      }
    : null
  const saved = !drag && focal ? focalToPercent(focal, source) : null

  return (
    <section className="section">
      <div
        ref={frame}
        className="focal-frame"
        data-testid="focal-frame"
        style={{ aspectRatio: `${item.width} / ${item.height}` }}
        onPointerDown={(e) => {
          if (e.button !== 0) return
          e.currentTarget.setPointerCapture(e.pointerId)
          const { x, y } = point(e)
          setDrag({ x0: x, y0: y, x1: x, y1: y })
        }}
        onPointerMove={(e) => {
          if (!drag) return
          const { x, y, rect } = point(e)
          setDrag({
            ...drag,
            x1: Math.min(rect.width, Math.max(0, x)),
            y1: Math.min(rect.height, Math.max(0, y)),
          })
        }}
        onPointerUp={(e) => {
          if (!drag) return
          const { rect } = point(e)
          const next = focalFromBox(drag, { width: rect.width, height: rect.height }, source)
          setDrag(null)
          void save(next)
        }}
      >
        {src && <img src={src} alt={item.alt_text || item.title} draggable={false} />}
        {shownBox && (
          <div
            className="focal-box"
            style={{ left: shownBox.left, top: shownBox.top, width: shownBox.width, height: shownBox.height }}
          />
        )}
        {saved && (
          <div
            className="focal-box saved"
            data-testid="focal-box"
            style={{
              left: `${saved.left}%`,
              top: `${saved.top}%`,
              width: `${saved.width}%`,
              height: `${saved.height}%`,
            }}
          />
        )}
      </div>
      <div className="row">
        <span className="muted small">
          {focal
            ? `Focal point: ${focal.width}×${focal.height} px around (${focal.x}, ${focal.y})`
            : 'Drag over the part of the picture every crop must keep.'}
        </span>
        {focal && (
          <button type="button" onClick={() => save(null)}>
            Clear focal point
          </button>
        )}
      </div>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  )
}
