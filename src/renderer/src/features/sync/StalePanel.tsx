import { useState } from 'react'
import type { StaleReport, StorageInfo } from '../../../../shared/api/storage.api'
import { formatBytes } from '../../../../shared/format'
import { requireClient } from '../../lib/client'
import { ErrorWithFix } from './ErrorWithFix'
import { files } from './sync-format'

const SHOWN = 200

/** media_stale: files in Castdesk's folders of a storage that no item uses; deleted only after a confirmation. */
export function StalePanel({ storages, onDeleted }: { storages: StorageInfo[]; onDeleted: () => void }) {
  const [storage, setStorage] = useState(
    storages.some((s) => s.name === 'production') ? 'production' : 'default',
  )
  const [report, setReport] = useState<StaleReport | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<{ message: string; code: string } | null>(null)
  const [deleted, setDeleted] = useState<StaleReport | null>(null)

  const run = async (remove: boolean) => {
    setBusy(true)
    setError(null)
    try {
      // Confirming a plan the limits refuse is the app's --max-delete: exactly the files shown.
      const maxDelete =
        remove && report?.deleteRefused?.code === 'too_many_deletes' ? report.files.length : undefined
      const out = await requireClient().call('maintenance.stale', { storage, delete: remove, maxDelete })
      if (remove) {
        setDeleted(out)
        setReport(null)
        onDeleted()
      } else {
        setReport(out)
        setDeleted(null)
      }
    } catch (e) {
      const { message, code } = e as { message?: string; code?: string }
      setError({ message: message ?? String(e), code: code ?? 'internal' })
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <section className="box" aria-labelledby="stale-title">
      <div className="box-head">
        <h2 id="stale-title">Stale files</h2>
        <label>
          <span className="visually-hidden">Storage to check for stale files</span>
          <select
            value={storage}
            onChange={(e) => {
              setStorage(e.target.value)
              setReport(null)
              setDeleted(null)
            }}
          >
            {storages.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => run(false)} disabled={busy}>
          {busy && !confirming ? 'Looking…' : 'Find stale files'}
        </button>
      </div>
      <p className="muted">
        Files in Castdesk’s folders that no item of any user uses any more (left by deleted items or old image
        sizes). Nothing is deleted until you confirm.
      </p>
      {error && <ErrorWithFix {...error} />}
      {deleted && (
        <p className="ok" role="status">
          ✓ Moved {files(deleted.deleted)} ({formatBytes(deleted.bytes)}) from {deleted.storage} into its
          quarantine.
          {deleted.quarantine && ` To put them back: ${deleted.quarantine.restore}`}
          {deleted.failures.length > 0 && ` ${files(deleted.failures.length)} could not be moved.`}
        </p>
      )}
      {report && report.newer.length > 0 && (
        <div className="notice" role="note">
          <p>
            {files(report.newer.length)} newer than the catalog — the catalog may be an older copy. Never
            called stale. To import them back: <code>{report.importHint}</code>
          </p>
          <ul>
            {report.newer.slice(0, SHOWN).map((f) => (
              <li key={f.key} className="plan-key">
                {f.key}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report && report.files.length === 0 && (
        <p className="ok" role="status">
          ✓ No stale files in {report.storage}.
        </p>
      )}
      {report && report.files.length > 0 && (
        <>
          <details className="plan-group" open>
            <summary>
              <strong>
                {files(report.files.length)} ({formatBytes(report.bytes)})
              </strong>{' '}
              <span className="muted">no item uses in {report.storage}</span>
            </summary>
            <table className="plan-files">
              <tbody>
                {report.files.slice(0, SHOWN).map((f) => (
                  <tr key={f.key}>
                    <td className="plan-key">{f.key}</td>
                    <td className="num">{formatBytes(f.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.files.length > SHOWN && (
              <p className="muted">…and {files(report.files.length - SHOWN)} more.</p>
            )}
          </details>
          {!confirming ? (
            <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy}>
              Delete {files(report.files.length)}…
            </button>
          ) : (
            <div className="confirm" role="alertdialog" aria-labelledby="stale-confirm" aria-modal="false">
              <p id="stale-confirm">
                Delete {files(report.files.length)} ({formatBytes(report.bytes)}) from{' '}
                <strong>{report.storage}</strong>? They go into its quarantine, where{' '}
                <code>castdesk quarantine restore</code> can put them back until they are purged.
              </p>
              {report.deleteRefused && <p className="notice">{report.deleteRefused.message}</p>}
              <div className="row">
                <button type="button" className="danger-solid" onClick={() => run(true)} disabled={busy}>
                  {busy ? 'Deleting…' : 'Delete for good'}
                </button>
                <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
                  Cancel
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  )
}
