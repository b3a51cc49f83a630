import { useEffect, useState } from 'react'
import type { AudioItem, JobInfo } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'

const FORMATS = ['mp3', 'm4a', 'opus', 'oga'] as const
type Format = (typeof FORMATS)[number]
const POLL_MS = 1000

/** "Encode episode files…": formats, target and cover, then the background job's progress and cancel. */
export function EncodePanel({ item, onDone }: { item: AudioItem; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [formats, setFormats] = useState<Set<Format>>(new Set(['mp3', 'm4a']))
  const [target, setTarget] = useState('-16')
  const [cover, setCover] = useState('')
  const [job, setJob] = useState<JobInfo | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const running = job !== null && (job.state === 'queued' || job.state === 'running')

  useEffect(() => {
    if (!running || job === null) return
    const timer = setInterval(async () => {
      try {
        const jobs = await requireClient().call('jobs.list', {})
        const now = jobs.find((j) => j.id === job.id)
        if (!now) return
        setJob(now)
        if (now.state === 'done') {
          setMessage({ ok: true, text: 'Episode files encoded and checked.' })
          onDone()
        } else if (now.state === 'failed') {
          setMessage({ ok: false, text: now.error?.message ?? 'The encode failed.' })
        }
      } catch {
        // A missed poll is retried at the next tick.
      }
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [running, job, onDone])

  const start = async () => {
    setMessage(null)
    try {
      const coverId = cover.trim() === '' ? undefined : Number(cover)
      const queued = await requireClient().call('audio.queueEncode', {
        id: item.id,
        formats: FORMATS.filter((f) => formats.has(f)),
        target_lufs: Number(target),
        cover: coverId,
      })
      setJob({
        id: queued.job_id,
        kind: 'audio.encode',
        state: 'queued',
        attempts: 0,
        progress: 0,
        error: null,
        media_id: item.id,
        media_title: item.title,
        created: '',
        updated: '',
      })
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) })
    }
  }

  const cancel = async () => {
    try {
      await requireClient().call('audio.cancelEncode', { id: item.id })
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) })
    }
  }

  const toggle = (format: Format) => {
    const next = new Set(formats)
    if (next.has(format)) next.delete(format)
    else next.add(format)
    setFormats(next)
  }

  return (
    <div className="encode-panel">
      {!open ? (
        <button
          type="button"
          onClick={() => setOpen(true)}
          disabled={!item.master && item.files.length === 0}
        >
          Encode episode files…
        </button>
      ) : (
        <form
          className="encode-form"
          onSubmit={(e) => {
            e.preventDefault()
            void start()
          }}
        >
          <fieldset disabled={running}>
            <legend>Formats</legend>
            {FORMATS.map((format) => (
              <label key={format}>
                <input type="checkbox" checked={formats.has(format)} onChange={() => toggle(format)} />{' '}
                {format.toUpperCase()}
              </label>
            ))}
          </fieldset>
          <label>
            Target (LUFS){' '}
            <input
              type="number"
              step="0.5"
              min={-40}
              max={-6}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              disabled={running}
            />
          </label>
          <label>
            Cover image id{' '}
            <input
              type="number"
              min={1}
              placeholder="episode’s or podcast’s"
              value={cover}
              onChange={(e) => setCover(e.target.value)}
              disabled={running}
            />
          </label>
          {!item.master && <p className="muted">No master: the best existing file is re-encoded (lossy).</p>}
          <div className="encode-actions">
            {running ? (
              <>
                <progress max={1} value={job?.progress ?? 0} aria-label="Encoding progress" />
                <span>{Math.round((job?.progress ?? 0) * 100)} %</span>
                <button type="button" onClick={cancel}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="submit" className="primary" disabled={formats.size === 0}>
                Encode
              </button>
            )}
          </div>
        </form>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  )
}
