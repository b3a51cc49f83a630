import { useState } from 'react'
import type { PublishReport } from '../../../../shared/api/podcasts.api'
import { formatBytes } from '../../../../shared/format'
import { messageOf, requireClient } from '../../lib/client'
import { useCall } from '../../lib/use-call'
import { useProgress } from './use-progress'

/** Publishing: choose a storage, see the plan (what would be sent), publish, follow the progress. */
export function PublishPanel() {
  const targets = useCall('publish.targets', {})
  const [to, setTo] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [report, setReport] = useState<PublishReport | null>(null)
  const progress = useProgress('publish.run', busy)
  const target = to || targets.data?.[0]?.name || ''

  const run = async (dryRun: boolean) => {
    setBusy(true)
    setError(null)
    try {
      setReport(await requireClient().call('publish.run', { to: target || undefined, dryRun }))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="publish-panel" aria-label="Publish">
      <h3>Publish</h3>
      <div className="row">
        <label>
          To{' '}
          <select aria-label="Publish to storage" value={target} onChange={(e) => setTo(e.target.value)}>
            {(targets.data ?? []).map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.type})
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy || !target} onClick={() => run(true)}>
          Plan
        </button>
        <button type="button" className="primary" disabled={busy || !target} onClick={() => run(false)}>
          {busy ? 'Publishing…' : 'Publish'}
        </button>
      </div>
      {targets.data?.length === 0 && (
        <p className="muted">
          Add a storage (a folder or S3) under "storages" in castdesk.config.json to publish.
        </p>
      )}
      {busy && (
        <p className="muted" aria-live="polite">
          {progress ? (
            <>
              <progress
                value={progress.done}
                max={Math.max(progress.total, 1)}
                aria-label="Publish progress"
              />{' '}
              {progress.done}/{progress.total} files · {progress.detail}
            </>
          ) : (
            'Building the site…'
          )}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && <PublishResult report={report} />}
    </section>
  )
}

function PublishResult({ report }: { report: PublishReport }) {
  const { plan } = report
  return (
    <dl className="facts" aria-label="Publish result">
      <dt>Site</dt>
      <dd>
        {report.episodes} episodes, {report.files} files, feeds: {report.feeds.join(', ') || 'none'}
      </dd>
      <dt>Plan</dt>
      <dd>
        {plan.add} to add, {plan.change} changed, {plan.same} unchanged ({formatBytes(plan.bytes)} to send)
      </dd>
      <dt>{report.dryRun ? 'Would send' : 'Sent'}</dt>
      <dd>
        {report.dryRun
          ? [
              ...(report.paths?.add ?? []),
              ...(report.paths?.change ?? []),
              ...(report.paths?.remove ?? []).map((key) => `remove ${key}`),
            ]
              .slice(0, 12)
              .join(', ') || 'nothing'
          : `${report.copied} files (${formatBytes(report.bytes)}) to "${report.to}" in ${report.seconds.toFixed(1)} s${report.removed ? `; ${report.removed} retired pages removed` : ''}`}
      </dd>
      {report.failures.map((f) => (
        <dd key={f.key} className="error-inline">
          {f.key}: {f.message}
        </dd>
      ))}
      {report.warnings.length > 0 && (
        <>
          <dt>Before directories list it</dt>
          {report.warnings.map((w) => (
            <dd key={w} className="warn-inline" data-testid="feed-warning">
              {w}
            </dd>
          ))}
        </>
      )}
    </dl>
  )
}
