import { useState } from 'react'
import type { ChapterMarkItem } from '../../../../shared/media'
import { formatStart, parseStart } from './chapters'

interface Props {
  chapters: ChapterMarkItem[]
  current: number
  nowMs: number
  onChange: (chapters: ChapterMarkItem[]) => void
  onSeek: (ms: number) => void
}

/** Edit the marks: title and start inline, delete, and add one at the playhead. */
export function ChapterList({ chapters, current, nowMs, onChange, onSeek }: Props) {
  const add = () => {
    let start = Math.round(nowMs)
    while (chapters.some((c) => c.start_ms === start)) start += 1000
    onChange([
      ...chapters,
      { start_ms: start, title: `Chapter ${chapters.length + 1}`, link: null, image: null },
    ])
  }
  return (
    <>
      {chapters.length === 0 && <p className="muted">No chapters yet: play to a spot and add one.</p>}
      <ol className="chapters">
        {chapters.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: starts may tie while being edited.
          <li key={`${i}-${c.start_ms}`} className={i === current ? 'current' : ''} data-testid="chapter-row">
            <button type="button" className="ghost play-from" onClick={() => onSeek(c.start_ms)}>
              <span className="visually-hidden">Play from {c.title}</span>▶
            </button>
            <StartField
              value={c.start_ms}
              label={`Start of ${c.title}`}
              onCommit={(ms) => onChange(chapters.map((x, j) => (j === i ? { ...x, start_ms: ms } : x)))}
            />
            <input
              className="chapter-title"
              aria-label={`Title of chapter ${i + 1}`}
              value={c.title}
              onChange={(e) =>
                onChange(chapters.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))
              }
            />
            <button
              type="button"
              className="ghost"
              aria-label={`Delete ${c.title}`}
              onClick={() => onChange(chapters.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={add}>
        + Add chapter at {formatStart(Math.round(nowMs))}
      </button>
    </>
  )
}

function StartField({
  value,
  label,
  onCommit,
}: {
  value: number
  label: string
  onCommit: (ms: number) => void
}) {
  const [text, setText] = useState<string | null>(null)
  const invalid = text !== null && parseStart(text) === null
  const commit = () => {
    if (text === null) return
    const ms = parseStart(text)
    if (ms !== null) onCommit(ms)
    setText(null)
  }
  return (
    <input
      className={`chapter-start${invalid ? ' invalid' : ''}`}
      aria-label={label}
      aria-invalid={invalid}
      value={text ?? formatStart(value)}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  )
}
