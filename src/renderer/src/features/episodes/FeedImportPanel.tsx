import { useState } from 'react'
import type { FeedImportItem, FeedImportReport } from '../../../../shared/api/feeds.api'
import { formatBytes } from '../../../../shared/format'
import { messageOf, requireClient } from '../../lib/client'
import { useProgress } from './use-progress'

const ACTION: Record<FeedImportItem['action'], string> = {
  new: 'new',
  updated: 'updated',
  unchanged: 'unchanged',
  resume: 'to finish',
}

/**
 * "Bring your show…": paste the feed's address, see the plan (nothing is written), choose all
 * episodes or the newest N, import, and follow the progress per episode.
 */
export function FeedImportPanel({
  report,
  onReport,
  onImported,
}: {
  /** Kept by the screen, so the result stays when the screen changes (the import made the podcast). */
  report: FeedImportReport | null
  onReport: (report: FeedImportReport | null) => void
  onImported: () => void
}) {
  const [url, setUrl] = useState(report?.feed ?? '')
  const [newest, setNewest] = useState('')
  const [busy, setBusy] = useState<'plan' | 'import' | null>(null)
  const [stopping, setStopping] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const progress = useProgress('podcast.import', busy === 'import')
  const limit = newest ? Number(newest) : undefined

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'plan' : 'import')
    setError(null)
    try {
      const result = await requireClient().call('podcast.import', { feed: url.trim(), limit, dryRun })
      onReport(result)
      if (!dryRun) onImported()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
      setStopping(false)
    }
  }

  const cancel = async () => {
    setStopping(true)
    try {
      await requireClient().call('podcast.cancelImport', {})
    } catch (e) {
      setError(messageOf(e))
      setStopping(false)
    }
  }

  return (
    <section className="feed-import" aria-label="Bring your show">
      <h2>Bring your show</h2>
      <p className="muted">
        Paste your podcast's RSS feed address: every episode comes in with its audio, chapters, transcript,
        show notes, artwork and GUID, so listeners' apps download nothing again. A second import brings only
        what changed.
      </p>
      <div className="row">
        <label className="grow">
          Feed address{' '}
          <input
            type="url"
            value={url}
            placeholder="https://feeds.example.com/my-show.xml"
            onChange={(e) => {
              setUrl(e.target.value)
              onReport(null)
            }}
          />
        </label>
        <label>
          Newest{' '}
          <input
            type="number"
            min={1}
            value={newest}
            placeholder="all"
            aria-label="Only the newest episodes"
            onChange={(e) => setNewest(e.target.value)}
          />
        </label>
        <button type="button" disabled={busy !== null || !url.trim()} onClick={() => run(true)}>
          {busy === 'plan' ? 'Reading the feed…' : 'Show the plan'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy !== null || !report?.dryRun}
          onClick={() => run(false)}
        >
          {busy === 'import' ? 'Importing…' : 'Import'}
        </button>
        {busy === 'import' && (
          <button type="button" disabled={stopping} onClick={cancel}>
            {stopping ? 'Stopping…' : 'Cancel'}
          </button>
        )}
      </div>
      {busy === 'import' && (
        <p className="muted" aria-live="polite">
          {progress ? (
            <>
              <progress
                value={progress.done}
                max={Math.max(progress.total, 1)}
                aria-label="Import progress"
              />{' '}
              {progress.done}/{progress.total} episodes · {progress.detail}
            </>
          ) : (
            'Importing…'
          )}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && <FeedImportResult report={report} />}
    </section>
  )
}

function FeedImportResult({ report }: { report: FeedImportReport }) {
  const p = report.podcast
  const finished = report.items.filter((i) => i.status === 'done').length
  return (
    <section aria-label={report.dryRun ? 'Import plan' : 'Import result'}>
      {report.cancelled && (
        <p className="notice" role="status">
          Import cancelled: {finished} of {report.items.length} episodes are in. Import again to bring the
          rest; finished episodes are not downloaded again.
        </p>
      )}
      <dl className="facts">
        <dt>Podcast</dt>
        <dd>
          {p.title}: {p.action === 'create' ? (report.dryRun ? 'will be created' : 'created') : p.action}
          {p.fields.length > 0 && p.action !== 'create' ? ` (${p.fields.join(', ')})` : ''}
          {p.conflicts.length > 0 ? `; your edits of ${p.conflicts.join(', ')} are kept` : ''}
        </dd>
        <dt>Downloads</dt>
        <dd>
          {formatBytes(report.bytes_needed)} needed
          {report.bytes_free !== null ? `, ${formatBytes(report.bytes_free)} free` : ''}
          {report.dryRun
            ? ''
            : `; ${formatBytes(report.downloaded_bytes)} downloaded in ${report.seconds.toFixed(1)} s`}
        </dd>
        {report.left_out > 0 && (
          <>
            <dt>Left out</dt>
            <dd>{report.left_out} older episodes</dd>
          </>
        )}
      </dl>
      {report.warnings.map((warning) => (
        <p key={warning} className="notice" role="alert">
          {warning}
        </p>
      ))}
      <table className="feed-items">
        <thead>
          <tr>
            <th>Episode</th>
            <th>Date</th>
            <th>{report.dryRun ? 'Plan' : 'Result'}</th>
            <th>Downloads</th>
          </tr>
        </thead>
        <tbody>
          {report.items.map((item) => (
            <tr key={item.guid ?? item.title}>
              <td>{item.title}</td>
              <td>{item.published?.slice(0, 10) ?? 'no date'}</td>
              <td>
                {item.status === 'cancelled'
                  ? 'cancelled (the next import resumes it)'
                  : (item.status ?? ACTION[item.action])}
                {item.conflicts.length > 0 && ` · kept your ${item.conflicts.join(', ')}`}
                {item.errors.map((e) => (
                  <span key={e.message} className="error-inline">
                    {' '}
                    {e.message}
                  </span>
                ))}
              </td>
              <td>{formatBytes(item.downloads.reduce((sum, d) => sum + (d.bytes ?? 0), 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.not_kept.length > 0 && (
        <details>
          <summary>Not kept ({report.not_kept.length})</summary>
          <ul>
            {report.not_kept.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}
