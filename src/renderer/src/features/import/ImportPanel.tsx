import { formatBytes } from '../../../../shared/format'
import type { ImportBatch } from './use-import'

const LABEL = {
  queued: 'Queued',
  uploading: 'Uploading',
  imported: 'Imported',
  duplicate: 'Duplicate',
  error: 'Error',
} as const

/** Each dropped file's progress and result, newest batch first. */
export function ImportPanel({ batches, onClose }: { batches: ImportBatch[]; onClose: () => void }) {
  const all = batches.flatMap((b) => b.entries)
  const done = all.filter((e) => e.status !== 'queued' && e.status !== 'uploading').length
  return (
    <section className="import-panel" aria-label="Import">
      <header>
        <h2>
          Import · {done} of {all.length} done
        </h2>
        <button type="button" className="ghost" onClick={onClose} disabled={done < all.length}>
          Close
        </button>
      </header>
      <ul>
        {all.map((e) => (
          <li key={e.key} className={`import-row status-${e.status}`} data-testid="import-row">
            <span className={`pill pill-${e.status}`}>{LABEL[e.status]}</span>
            <span className="import-name" title={e.name}>
              {e.name}
            </span>
            <span className="import-size">{formatBytes(e.size)}</span>
            <span className="import-message">{e.message}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
