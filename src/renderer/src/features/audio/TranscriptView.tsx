import type { PodlovePlayerData } from '../../../../shared/api/audio.api'
import { formatStart } from './chapters'

type Segment = PodlovePlayerData['transcripts'][number]

/** The transcript, following playback; a click plays from that cue. */
export function TranscriptView({
  segments,
  nowMs,
  onSeek,
}: {
  segments: Segment[]
  nowMs: number
  onSeek: (ms: number) => void
}) {
  if (segments.length === 0) return null
  return (
    <section className="section">
      <h3>Transcript</h3>
      <ol className="transcript">
        {segments.map((s) => {
          const on = nowMs >= s.start_ms && nowMs < s.end_ms
          return (
            <li key={`${s.start_ms}-${s.end_ms}`} className={on ? 'current' : ''}>
              <button type="button" className="ghost cue" onClick={() => onSeek(s.start_ms)}>
                <span className="cue-time">{formatStart(s.start_ms)}</span>
                {s.speaker && <span className="cue-speaker">{s.speaker}</span>}
                <span>{s.text}</span>
              </button>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
