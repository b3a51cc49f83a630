import { useState } from 'react'
import type { BackupOutcome, SnapshotInfo } from '../../../../shared/api/library-backup.api'
import { formatBytes } from '../../../../shared/format'
import { requireClient } from '../../lib/client'
import { useCall } from '../../lib/use-call'
import { ErrorWithFix } from './ErrorWithFix'

const SHOWN = 20

/** Snapshots of the library database in each backup storage: the newest, all of them, and "Back up library now". */
export function LibrarySnapshots() {
  const listing = useCall('library.backups', {})
  const [busy, setBusy] = useState(false)
  const [outcomes, setOutcomes] = useState<BackupOutcome[] | null>(null)
  const [error, setError] = useState<{ message: string; code: string } | null>(null)

  const backUp = async () => {
    setBusy(true)
    setError(null)
    try {
      const { outcomes } = await requireClient().call('library.backup', {})
      setOutcomes(outcomes)
      listing.reload()
    } catch (e) {
      const { message, code } = e as { message?: string; code?: string }
      setError({ message: message ?? String(e), code: code ?? 'internal' })
    } finally {
      setBusy(false)
    }
  }

  const storages = listing.data?.storages ?? []
  return (
    <section className="box" aria-labelledby="snapshots-title">
      <div className="box-head">
        <h2 id="snapshots-title">Library backups</h2>
        <button
          type="button"
          onClick={backUp}
          disabled={busy || (listing.data !== null && storages.length === 0)}
        >
          {busy ? 'Backing up…' : 'Back up library now'}
        </button>
      </div>
      <p className="muted">
        Snapshots of the library itself (chapters, transcripts, episodes, focal points, users) in the backup
        storages, each read back and checked. <code>castdesk library restore</code> brings a library back from
        one.
      </p>
      {listing.error && <p className="error-box">{listing.error}</p>}
      {listing.data && storages.length === 0 && (
        <p className="muted">
          No backup storage: add a storage named <strong>backup</strong> in Settings → Storages.
        </p>
      )}
      {error && <ErrorWithFix {...error} />}
      {outcomes?.map((o) =>
        o.error ? (
          <ErrorWithFix key={o.storage} message={`${o.storage}: ${o.error.message}`} code={o.error.code} />
        ) : (
          <p key={o.storage} className="ok" role="status">
            ✓ {o.storage}: snapshot {o.snapshot?.name} verified
            {o.pruned.length > 0 && `, ${o.pruned.length} older removed`}.
          </p>
        ),
      )}
      {storages.map((entry) => {
        const newest = entry.snapshots.find((s) => s.verified)
        return (
          <details key={entry.storage} className="plan-group" data-storage={entry.storage}>
            <summary>
              <strong>{entry.storage}</strong>{' '}
              <span className="muted">
                {entry.error
                  ? entry.error.message
                  : newest
                    ? `last snapshot ${new Date(newest.time).toLocaleString()}, verified`
                    : 'no verified snapshot yet'}
              </span>
            </summary>
            <table className="plan-files" aria-label={`Snapshots in ${entry.storage}`}>
              <tbody>
                {entry.snapshots.slice(0, SHOWN).map((s) => (
                  <SnapshotRow key={s.name} snapshot={s} />
                ))}
              </tbody>
            </table>
          </details>
        )
      })}
    </section>
  )
}

function SnapshotRow({ snapshot: s }: { snapshot: SnapshotInfo }) {
  const c = s.counts
  return (
    <tr>
      <td className="plan-key" title={s.name}>
        {new Date(s.time).toLocaleString()}
      </td>
      <td className="num">{formatBytes(s.size)}</td>
      <td>{s.verified ? '✓ verified' : 'not verified'}</td>
      <td className="muted">
        {c
          ? `${c.image} images, ${c.audio} audio, ${c.video} videos, ${c.file} files, ${c.episodes} episodes`
          : ''}
        {s.schemaVersion !== null ? ` · schema ${s.schemaVersion}` : ''}
      </td>
    </tr>
  )
}
