import { useEffect, useState } from 'react'
import type { SizeCategory, StorageInfo } from '../../../../shared/api/storage.api'
import { formatBytes } from '../../../../shared/format'
import { useCall } from '../../lib/use-call'
import { BarChart } from './BarChart'
import { ErrorWithFix } from './ErrorWithFix'

const CATEGORIES: { id: SizeCategory; label: string }[] = [
  { id: 'audio', label: 'Audio' },
  { id: 'video', label: 'Video' },
  { id: 'image', label: 'Images' },
  { id: 'misc', label: 'Other files' },
]

/** media_sizes: the space one storage uses, by type and by user. */
export function SpaceUsed({ storages, refreshKey }: { storages: StorageInfo[]; refreshKey: number }) {
  const [storage, setStorage] = useState('default')
  const sizes = useCall('maintenance.sizes', { storage })
  const { reload } = sizes
  // After a sync (refreshKey moves on), the destination's numbers changed.
  useEffect(() => {
    if (refreshKey > 0) reload()
  }, [refreshKey, reload])
  const report = sizes.data?.storages.find((s) => s.name === storage)
  return (
    <section className="box" aria-labelledby="space-title">
      <div className="box-head">
        <h2 id="space-title">Space used</h2>
        <label>
          <span className="visually-hidden">Storage to measure</span>
          <select value={storage} onChange={(e) => setStorage(e.target.value)}>
            {storages.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
        </label>
        <button type="button" className="ghost" onClick={sizes.reload} disabled={sizes.loading}>
          {sizes.loading ? 'Measuring…' : 'Measure again'}
        </button>
      </div>
      {sizes.error && <ErrorWithFix message={sizes.error} code="" />}
      {report && (
        <>
          <p>
            <strong>{formatBytes(report.totals.total)}</strong>{' '}
            <span className="muted">
              in {report.files.length} files on {storage}
            </span>
          </p>
          <div className="charts">
            <BarChart
              title="By type"
              bars={CATEGORIES.map((c) => ({
                label: c.label,
                bytes: report.totals[c.id],
                tone: `tone-${c.id}`,
              }))}
            />
            <BarChart
              title="By user"
              bars={Object.entries(report.byUser).map(([user, bytes]) => ({
                label: user || 'No item (stale)',
                bytes,
                tone: user ? 'tone-user' : 'tone-stale',
              }))}
            />
          </div>
        </>
      )}
    </section>
  )
}
