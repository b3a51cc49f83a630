import type { ProgressEvent } from '../../../../shared/api'
import type { SyncReport } from '../../../../shared/api/storage.api'
import { formatBytes } from '../../../../shared/format'
import { fixFor } from './ErrorWithFix'
import { files, formatEta, formatRate } from './sync-format'

/** A running or finished sync: the bar, files, bytes, rate and time left; then what failed. */
export function SyncProgress({
  running,
  progress,
  result,
  stopped,
}: {
  running: boolean
  progress: ProgressEvent | null
  result: SyncReport | null
  /** The sync failed as a whole (the panel shows why). */
  stopped: boolean
}) {
  const bytes = progress?.bytes
  const doneBytes = result ? result.bytes : (bytes?.done ?? 0)
  const totalBytes = result ? Math.max(result.plan.bytes, result.bytes) : (bytes?.total ?? 0)
  const doneFiles = result ? result.copied + result.failures.length : (progress?.done ?? 0)
  const totalFiles = result ? result.plan.add + result.plan.change : (progress?.total ?? 0)
  const rate = result && result.seconds > 0 ? result.bytes / result.seconds : (bytes?.perSecond ?? 0)
  const value = totalBytes > 0 ? doneBytes : doneFiles
  const max = totalBytes > 0 ? totalBytes : Math.max(totalFiles, 1)
  const percent = result ? 100 : Math.floor((100 * value) / max)

  return (
    <section className="sync-progress" aria-labelledby="progress-title">
      <h3 id="progress-title">{running ? 'Syncing…' : stopped ? 'Sync stopped' : 'Sync finished'}</h3>
      {running && !progress && <p className="muted">Comparing the two storages…</p>}
      {(progress || result) && (
        <>
          <div className="bar-row">
            <progress
              className="sync-bar"
              value={running && !progress ? undefined : value}
              max={max}
              aria-label="Sync progress"
              aria-valuetext={`${percent}%: ${files(doneFiles)} of ${totalFiles}`}
            />
            <span className="bar-percent">{percent}%</span>
          </div>
          <p className="progress-facts" data-testid="sync-facts">
            <span>
              {doneFiles} of {files(totalFiles)}
            </span>
            <span>
              {formatBytes(doneBytes)} of {formatBytes(totalBytes)}
            </span>
            <span>{formatRate(rate)}</span>
            {running && <span>{formatEta(bytes?.etaSeconds ?? null)}</span>}
          </p>
        </>
      )}
      {result && (
        <p className={result.failures.length ? 'error' : 'ok'} data-testid="sync-done" role="status">
          {result.failures.length === 0 ? '✓ Done: ' : `Done with ${files(result.failures.length)} failed: `}
          {files(result.copied)} copied ({formatBytes(result.bytes)})
          {result.deleted > 0 && `, ${files(result.deleted)} removed`} in {result.seconds.toFixed(1)} s.
          {result.deleteSkipped && ` ${result.deleteSkipped}`}
        </p>
      )}
      {result && result.failures.length > 0 && (
        <ul className="failures" aria-label="Files that failed">
          {result.failures.map((f) => (
            <li key={f.key}>
              <strong>{f.key}</strong>
              <p>{f.message}</p>
              {fixFor(f.code) && <p className="muted">{fixFor(f.code)}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
