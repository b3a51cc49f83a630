import { useEffect, useRef, useState } from 'react'
import { formatBytes, formatDuration } from '../../../../shared/format'
import type { AudioItem, ChapterMarkItem } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'
import { mediaUrl } from '../../lib/media-url'
import { useCall } from '../../lib/use-call'
import { LOUDNESS_TARGET_LUFS } from '../library/filters'
import { ChapterFiles } from './ChapterFiles'
import { ChapterList } from './ChapterList'
import { currentChapterIndex } from './chapters'
import { EncodePanel } from './EncodePanel'
import { LoudnessMeter } from './LoudnessMeter'
import { TranscriptView } from './TranscriptView'
import { Waveform } from './Waveform'

const PLAYABLE = ['mp3', 'm4a', 'opus', 'oga'] as const

/** An episode: its files, a player, the chapter editor on the waveform, and the transcript. */
export function AudioDetail({ item }: { item: AudioItem }) {
  const audio = useRef<HTMLAudioElement>(null)
  const [chapters, setChapters] = useState<ChapterMarkItem[]>(item.chapters)
  const [dirty, setDirty] = useState(false)
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [nowMs, setNowMs] = useState(0)
  const player = useCall('audio.player', { id: item.id })
  const target = LOUDNESS_TARGET_LUFS
  const duration = item.duration_ms ?? 0
  const file = PLAYABLE.map((f) => item.files.find((x) => x.format === f)).find(Boolean)

  useEffect(() => {
    setChapters(item.chapters)
    setDirty(false)
    setMessage(null)
  }, [item])

  const edit = (next: ChapterMarkItem[]) => {
    setChapters([...next].sort((a, b) => a.start_ms - b.start_ms))
    setDirty(true)
    setMessage(null)
  }

  const seek = (ms: number) => {
    if (audio.current) audio.current.currentTime = ms / 1000
    setNowMs(ms)
  }

  const save = async () => {
    setSaving(true)
    try {
      const saved = await requireClient().call('audio.setChapters', { id: item.id, chapters })
      setChapters(saved.chapters)
      setDirty(false)
      setMessage({
        ok: true,
        text: `Saved ${saved.chapters.length} chapter${saved.chapters.length === 1 ? '' : 's'}.`,
      })
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) })
    } finally {
      setSaving(false)
    }
  }

  const current = currentChapterIndex(chapters, nowMs)
  return (
    <div className="audio-detail">
      {file && (
        // biome-ignore lint/a11y/useMediaCaption: the transcript (when imported) is shown below.
        <audio
          ref={audio}
          className="player"
          controls
          preload="metadata"
          src={mediaUrl(file.key)}
          onTimeUpdate={(e) => setNowMs(Math.round(e.currentTarget.currentTime * 1000))}
          onSeeked={(e) => setNowMs(Math.round(e.currentTarget.currentTime * 1000))}
        />
      )}
      <p className="now-playing" data-testid="current-chapter">
        {current >= 0 ? (
          <>
            Now: <strong>{chapters[current]?.title}</strong>
          </>
        ) : (
          <span className="muted">No chapter at {formatDuration(nowMs)}</span>
        )}
      </p>
      <Waveform
        id={item.id}
        durationMs={duration}
        chapters={chapters}
        nowMs={nowMs}
        current={current}
        onSeek={seek}
        onMove={(index, start) => edit(chapters.map((c, i) => (i === index ? { ...c, start_ms: start } : c)))}
      />
      <section className="section">
        <header className="section-head">
          <h3>Chapters</h3>
          <button type="button" className="primary" disabled={!dirty || saving} onClick={save}>
            {saving ? 'Saving…' : dirty ? 'Save chapters' : 'Saved'}
          </button>
        </header>
        {message && (
          <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <ChapterList chapters={chapters} current={current} nowMs={nowMs} onChange={edit} onSeek={seek} />
        <ChapterFiles
          id={item.id}
          title={item.title}
          dirty={dirty}
          onImported={(imported) => {
            setChapters(imported.chapters)
            setDirty(false)
          }}
          onTranscript={player.reload}
        />
      </section>
      <section className="section">
        <h3>Formats</h3>
        <table className="formats">
          <tbody>
            {item.master && (
              <tr key={item.master.key} data-format="master">
                <th scope="row">Master ({item.master.format.toUpperCase()})</th>
                <td>
                  {formatBytes(item.master.size)}
                  <span className="master-format">
                    {item.master.sample_rate / 1000} kHz · {item.master.channels} ch
                    {item.master.bit_depth ? ` · ${item.master.bit_depth}-bit` : ''}
                  </span>
                </td>
                <td>{formatDuration(item.master.duration_ms)}</td>
                <td>
                  <LoudnessMeter loudness={item.master.loudness} target={target} />
                </td>
              </tr>
            )}
            {item.files.map((f) => (
              <tr key={f.key} data-format={f.format}>
                <th scope="row">{f.format.toUpperCase()}</th>
                <td>{formatBytes(f.size)}</td>
                <td>{formatDuration(item.duration_ms)}</td>
                <td>
                  <LoudnessMeter loudness={f.loudness} target={target} />
                </td>
                <td>
                  <a href={mediaUrl(f.key)} download>
                    Download
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <EncodePanel item={item} onDone={() => undefined} />
      </section>
      <TranscriptView segments={player.data?.transcripts ?? []} nowMs={nowMs} onSeek={seek} />
    </div>
  )
}
