import { type PointerEvent, useEffect, useRef, useState } from 'react'
import type { AudioPeaks } from '../../../../shared/api/audio.api'
import type { ChapterMarkItem } from '../../../../shared/media'
import { requireClient } from '../../lib/client'
import { formatStart } from './chapters'

interface Props {
  id: number
  durationMs: number
  chapters: ChapterMarkItem[]
  nowMs: number
  current: number
  onSeek: (ms: number) => void
  onMove: (index: number, startMs: number) => void
}

/** Peaks from `audio.peaks`, retried while the background job computes them. */
function usePeaks(id: number): AudioPeaks | null {
  const [peaks, setPeaks] = useState<AudioPeaks | null>(null)
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = (attempt: number) =>
      requireClient()
        .call('audio.peaks', { id })
        .then((p) => live && setPeaks(p))
        .catch(() => {
          if (live && attempt < 20) timer = setTimeout(() => load(attempt + 1), 1500)
        })
    setPeaks(null)
    load(0)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [id])
  return peaks
}

/** The waveform with the playhead and a draggable marker per chapter; a click seeks. */
export function Waveform({ id, durationMs, chapters, nowMs, current, onSeek, onMove }: Props) {
  const peaks = usePeaks(id)
  const canvas = useRef<HTMLCanvasElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<{ index: number; ms: number } | null>(null)

  useEffect(() => {
    const c = canvas.current
    const ctx = c?.getContext('2d')
    if (!c || !ctx) return
    const ratio = window.devicePixelRatio || 1
    c.width = c.clientWidth * ratio
    c.height = c.clientHeight * ratio
    ctx.clearRect(0, 0, c.width, c.height)
    const accent = getComputedStyle(c).getPropertyValue('--wave').trim() || '#6b5bd2'
    ctx.fillStyle = accent
    const mid = c.height / 2
    const pairs = peaks ? peaks.data.length / 2 : 0
    if (!pairs) {
      ctx.fillRect(0, mid - ratio / 2, c.width, ratio)
      return
    }
    const bar = 2 * ratio
    // Quiet recordings still fill the height: scale to the loudest peak.
    let loudest = 1
    for (const v of peaks?.data ?? []) loudest = Math.max(loudest, Math.abs(v))
    for (let x = 0; x < c.width; x += bar + ratio) {
      const i = Math.floor((x / c.width) * pairs) * 2
      const lo = (peaks?.data[i] ?? 0) / loudest
      const hi = (peaks?.data[i + 1] ?? 0) / loudest
      const h = Math.max(ratio, (hi - lo) * mid * 0.9)
      ctx.fillRect(x, mid - h / 2, bar, h)
    }
  }, [peaks])

  const msAt = (clientX: number): number => {
    const rect = box.current?.getBoundingClientRect()
    if (!rect || !durationMs) return 0
    const f = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width))
    return Math.min(durationMs - 1, Math.round(f * durationMs))
  }
  const pct = (ms: number) => `${durationMs ? (ms / durationMs) * 100 : 0}%`

  const startDrag = (index: number) => (e: PointerEvent<HTMLButtonElement>) => {
    e.stopPropagation()
    e.currentTarget.setPointerCapture(e.pointerId)
    setDrag({ index, ms: chapters[index]?.start_ms ?? 0 })
  }
  const moveDrag = (e: PointerEvent<HTMLButtonElement>) => {
    if (drag) setDrag({ index: drag.index, ms: msAt(e.clientX) })
  }
  const endDrag = (e: PointerEvent<HTMLButtonElement>) => {
    e.stopPropagation()
    if (drag && drag.ms !== chapters[drag.index]?.start_ms) onMove(drag.index, drag.ms)
    setDrag(null)
  }

  return (
    <div className="waveform" ref={box} data-testid="waveform">
      <canvas
        ref={canvas}
        className="wave-canvas"
        aria-label="Waveform: click to play from there"
        onClick={(e) => onSeek(msAt(e.clientX))}
      />
      <div className="playhead" style={{ left: pct(nowMs) }} aria-hidden="true" />
      {chapters.map((c, i) => {
        const at = drag?.index === i ? drag.ms : c.start_ms
        return (
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: starts may tie while being edited.
            key={`${i}-${c.start_ms}`}
            type="button"
            className={`marker${i === current ? ' current' : ''}`}
            style={{ left: pct(at) }}
            aria-label={`Chapter ${c.title} at ${formatStart(at)}: drag to move`}
            data-testid="chapter-marker"
            onPointerDown={startDrag(i)}
            onPointerMove={moveDrag}
            onPointerUp={endDrag}
            onClick={(e) => e.stopPropagation()}
          >
            <span className="marker-label">{c.title}</span>
          </button>
        )
      })}
      {!peaks && <span className="wave-wait">Computing the waveform…</span>}
    </div>
  )
}
