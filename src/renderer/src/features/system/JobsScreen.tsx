import { useEffect, useState } from 'react'
import type { JobInfo } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'
import { useCall } from '../../lib/use-call'
import { Unavailable } from './Unavailable'

type StateFilter = JobInfo['state'] | 'all'
const STATES: { id: StateFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'running', label: 'Running' },
  { id: 'queued', label: 'Queued' },
  { id: 'failed', label: 'Failed' },
  { id: 'done', label: 'Done' },
]

/** What a podcaster calls each kind of background work. */
const KIND_LABEL: Record<string, string> = {
  'image.renditions': 'Renditions',
  'video.poster': 'Video poster',
  'audio.peaks': 'Waveform',
  'media.verify': 'Verify file',
}

/** Background work (renditions, posters, waveforms, verification): running, queued, failed with retry. */
export function JobsScreen() {
  const [state, setState] = useState<StateFilter>('all')
  const jobs = useCall('jobs.list', state === 'all' ? {} : { state })
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const { reload } = jobs
  useEffect(() => {
    const timer = setInterval(reload, 2000)
    return () => clearInterval(timer)
  }, [reload])

  const retry = async (job: JobInfo) => {
    try {
      await requireClient().call('jobs.retry', { id: job.id })
      setMessage({ ok: true, text: `Job #${job.id} is queued again.` })
      reload()
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) })
    }
  }

  const counts = new Map<string, number>()
  for (const j of jobs.data ?? []) counts.set(j.state, (counts.get(j.state) ?? 0) + 1)
  return (
    <section className="page">
      <header className="page-head">
        <h1>Jobs</h1>
        <fieldset className="segmented">
          <legend className="visually-hidden">State</legend>
          {STATES.map((s) => (
            <button
              key={s.id}
              type="button"
              aria-pressed={state === s.id}
              className={state === s.id ? 'on' : ''}
              onClick={() => setState(s.id)}
            >
              {s.label}
              {state === 'all' && s.id !== 'all' && counts.get(s.id) ? ` (${counts.get(s.id)})` : ''}
            </button>
          ))}
        </fieldset>
      </header>
      {jobs.error && <Unavailable error={jobs.error} what="The job list" />}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {jobs.data && jobs.data.length === 0 && (
        <p className="muted">{state === 'all' ? 'No background work yet.' : `No ${state} jobs.`}</p>
      )}
      {jobs.data && jobs.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col">Attempts</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => (
              <tr key={j.id} data-testid="job-row">
                <td>
                  {KIND_LABEL[j.kind] ?? j.kind}
                  {j.media_id !== null && (
                    <span className="muted">
                      {' '}
                      · {j.media_title ? `“${j.media_title}”` : `item #${j.media_id}`}
                    </span>
                  )}
                  <span className="muted"> · job #{j.id}</span>
                  {j.error && <div className="error-inline">{j.error.message}</div>}
                </td>
                <td>
                  <span className={`pill pill-${j.state}`}>{j.state}</span>
                </td>
                <td>
                  <progress value={j.progress} max={1} aria-label={`Progress of job ${j.id}`} />
                </td>
                <td>{j.attempts}</td>
                <td>{new Date(j.updated).toLocaleString()}</td>
                <td>
                  {j.state === 'failed' && (
                    <button type="button" onClick={() => retry(j)}>
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
