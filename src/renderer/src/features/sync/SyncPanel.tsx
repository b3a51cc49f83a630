import { useState } from 'react'
import type { StorageInfo } from '../../../../shared/api/storage.api'
import { ErrorWithFix } from './ErrorWithFix'
import { SyncPlan } from './SyncPlan'
import { SyncProgress } from './SyncProgress'
import { useSync } from './use-sync'

/** Default → production when there is one (django-cast's pair), else the first other storage. */
function defaultTarget(storages: readonly StorageInfo[]): string {
  const names = storages.map((s) => s.name).filter((n) => n !== 'default')
  return names.includes('production') ? 'production' : (names[0] ?? '')
}

/** Sync one storage to another: review the plan (dry run), then copy with a live progress bar. */
export function SyncPanel({ storages, onSynced }: { storages: StorageInfo[]; onSynced: () => void }) {
  const sync = useSync()
  const [from, setFrom] = useState('default')
  const [to, setTo] = useState(() => defaultTarget(storages))
  const [remove, setRemove] = useState(false)
  const busy = sync.phase === 'planning' || sync.phase === 'syncing'
  const request = { from, to, remove }
  const choose = (set: (value: string) => void) => (event: React.ChangeEvent<HTMLSelectElement>) => {
    set(event.target.value)
    sync.reset()
  }

  if (storages.length < 2) {
    return (
      <section className="box" aria-labelledby="sync-title">
        <h2 id="sync-title">Sync</h2>
        <p className="muted">
          Only one storage is set up. Add a destination (an S3 bucket or a backup folder) in Settings →
          Storages, then come back here to sync.
        </p>
      </section>
    )
  }
  const showProgress = sync.phase === 'syncing' || sync.result !== null
  return (
    <section className="box" aria-labelledby="sync-title">
      <h2 id="sync-title">Sync</h2>
      <div className="sync-controls">
        <label>
          From
          <select value={from} onChange={choose(setFrom)} disabled={busy}>
            {storages.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
        </label>
        <span aria-hidden="true" className="arrow">
          →
        </span>
        <label>
          To
          <select value={to} onChange={choose(setTo)} disabled={busy}>
            {storages
              .filter((s) => s.name !== from)
              .map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
          </select>
        </label>
        <label className="check-label">
          <input
            type="checkbox"
            checked={remove}
            disabled={busy}
            onChange={(e) => {
              setRemove(e.target.checked)
              sync.reset()
            }}
          />
          Also remove files {to || 'the destination'} has that this library doesn’t
        </label>
      </div>
      <div className="row">
        <button type="button" disabled={busy || !to} onClick={() => sync.review(request)}>
          {sync.phase === 'planning'
            ? 'Comparing…'
            : sync.plan && !sync.result
              ? 'Review again'
              : 'Review changes (dry run)'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || !to}
          onClick={() => sync.run(request).then(onSynced)}
        >
          {sync.phase === 'syncing' ? 'Syncing…' : 'Sync now'}
        </button>
        {sync.phase !== 'syncing' && !sync.result && (
          <span className="muted">Nothing is copied or removed until you press “Sync now”.</span>
        )}
      </div>
      {sync.error && <ErrorWithFix {...sync.error} />}
      {showProgress && (
        <SyncProgress
          running={sync.phase === 'syncing'}
          progress={sync.progress}
          result={sync.result}
          stopped={sync.phase === 'failed'}
        />
      )}
      {sync.plan && !showProgress && <SyncPlan plan={sync.plan} />}
    </section>
  )
}
