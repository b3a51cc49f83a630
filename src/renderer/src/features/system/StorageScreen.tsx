import { useState } from 'react'
import type { SyncReport } from '../../../../shared/api/storage.api'
import { formatBytes } from '../../../../shared/format'
import { messageOf, requireClient } from '../../lib/client'
import { useCall } from '../../lib/use-call'
import { Unavailable } from './Unavailable'

/** Storages, a dry-run plan, and one-click sync (`storage.sync`). */
export function StorageScreen() {
  const storages = useCall('storage.list', {})
  const [report, setReport] = useState<SyncReport | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = async (dryRun: boolean) => {
    setBusy(true)
    setError(null)
    try {
      setReport(await requireClient().call('storage.sync', { dryRun }))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="page">
      <h1>Storage &amp; sync</h1>
      {storages.error && <Unavailable error={storages.error} what="Storage and sync" />}
      {storages.data && (
        <>
          <ul className="storages">
            {storages.data.map((s) => (
              <li key={s.name}>
                <strong>{s.name}</strong> <span className="pill">{s.type}</span>{' '}
                <span className="muted">{s.location}</span>
              </li>
            ))}
          </ul>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => run(true)}>
              Plan (dry run)
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => run(false)}>
              {busy ? 'Working…' : 'Sync now'}
            </button>
          </div>
        </>
      )}
      {error && <p className="error">{error}</p>}
      {report && (
        <dl className="facts">
          <dt>Plan</dt>
          <dd>
            {report.plan.add} to add, {report.plan.change} changed, {report.plan.extra} extra,{' '}
            {report.plan.same} unchanged ({formatBytes(report.plan.bytes)})
          </dd>
          <dt>Done</dt>
          <dd>
            {report.dryRun
              ? 'Dry run: nothing copied'
              : `${report.copied} copied (${formatBytes(report.bytes)})`}{' '}
            in {report.seconds.toFixed(1)} s
          </dd>
          {report.failures.map((f) => (
            <dd key={f.key} className="error-inline">
              {f.key}: {f.message}
            </dd>
          ))}
        </dl>
      )}
    </section>
  )
}
