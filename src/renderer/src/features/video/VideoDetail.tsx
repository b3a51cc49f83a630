import { useRef, useState } from 'react'
import { formatDuration } from '../../../../shared/format'
import type { VideoItem } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'
import { mediaUrl } from '../../lib/media-url'
import { useRendition } from '../library/Thumb'

/** The player and the poster picker: scrub to a frame and make it the poster. */
export function VideoDetail({ item, onChanged }: { item: VideoItem; onChanged: () => void }) {
  const video = useRef<HTMLVideoElement>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const poster = useRendition(item.poster?.image_id ?? null)

  const setPoster = async () => {
    const seconds = Math.round((video.current?.currentTime ?? 0) * 1000) / 1000
    setBusy(true)
    try {
      const out = await requireClient().call('video.poster', { id: item.id, seconds })
      setMessage({ ok: true, text: `Poster set from ${out.poster_seconds.toFixed(2)} s.` })
      onChanged()
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="video-detail">
      {/* biome-ignore lint/a11y/useMediaCaption: podcast video previews carry no captions yet. */}
      <video
        ref={video}
        className="video-player"
        controls
        preload="metadata"
        src={mediaUrl(item.file.key)}
        poster={poster ?? undefined}
      />
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={setPoster}>
          {busy ? 'Making poster…' : 'Set poster from current frame'}
        </button>
        <span className="muted">
          Poster at {item.poster ? `${item.poster.seconds.toFixed(2)} s` : 'not made yet'}
        </span>
      </div>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <dl className="facts">
        <dt>Size</dt>
        <dd>
          {item.width ?? '?'}×{item.height ?? '?'} · {item.orientation ?? 'unknown'}
        </dd>
        <dt>Duration</dt>
        <dd>{formatDuration(item.duration_ms)}</dd>
        <dt>Codecs</dt>
        <dd>
          {item.video_codec ?? '?'} / {item.audio_codec ?? 'no audio'}
        </dd>
      </dl>
    </div>
  )
}
