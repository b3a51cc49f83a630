import { useEffect, useState } from 'react'
import type { ProgressEvent } from '../../../../shared/api'
import type { StorageInfo, SyncReport } from '../../../../shared/api/storage.api'
import { formatBytes } from '../../../../shared/format'
import { client, requireClient } from '../../lib/client'
import { ErrorWithFix } from './ErrorWithFix'
import { SyncPlan } from './SyncPlan'
import { files } from './sync-format'

type Phase = 'idle' | 'planning' | 'planned' | 'confirming' | 'restoring' | 'done'

/**
 * media_restore (backup → production): first the plan (a dry run: which files, how many bytes, which
 * production files the backup's version replaces), then a confirmation, and only then the copy.
 */
export function RestorePanel({ storages, onRestored }: { storages: StorageInfo[]; onRestored: () => void }) {
  const [phase, setPhase] = useState<Phase>('idle')
  const [plan, setPlan] = useState<SyncReport | null>(null)
  const [result, setResult] = useState<SyncReport | null>(null)
  const [progress, setProgress] = useState<ProgressEvent | null>(null)
  const [error, setError] = useState<{ message: string; code: string } | null>(null)
  useEffect(
    () =>
      client?.onProgress?.((event) => {
        if (event.operation === 'maintenance.restore') setProgress(event)
      }),
    [],
  )
  const names = storages.map((s) => s.name)
  if (!names.includes('backup') || !names.includes('production')) return null

  const run = async (dryRun: boolean) => {
    setError(null)
    setPhase(dryRun ? 'planning' : 'restoring')
    try {
      const report = await requireClient().call('maintenance.restore', { dryRun })
      if (dryRun) setPlan(report)
      else {
        setResult(report)
        setPlan(null)
        onRestored()
      }
      setPhase(dryRun ? 'planned' : 'done')
    } catch (e) {
      const { message, code } = e as { message?: string; code?: string }
      setError({ message: message ?? String(e), code: code ?? 'internal' })
      setPhase(dryRun ? 'idle' : 'planned')
    }
  }
  const toCopy = plan ? plan.plan.add + plan.plan.change : 0
  const busy = phase === 'planning' || phase === 'restoring'

  return (
    <section className="box" aria-labelledby="restore-title">
      <div className="box-head">
        <h2 id="restore-title">Restore media from backup</h2>
        <button type="button" onClick={() => run(true)} disabled={busy}>
          {phase === 'planning' ? 'Comparing…' : 'Review restore (dry run)'}
        </button>
      </div>
      <p className="muted">
        Copies the files production lacks, or holds with other content, from backup into production. Nothing
        is copied until you have seen the plan and confirmed it.
      </p>
      {error && <ErrorWithFix {...error} />}
      {plan && (
        <div data-testid="restore-plan">
          <SyncPlan plan={plan} canRemove={false} />
        </div>
      )}
      {plan && toCopy > 0 && phase === 'planned' && (
        <button type="button" className="primary" onClick={() => setPhase('confirming')}>
          Restore {files(toCopy)}…
        </button>
      )}
      {plan && (phase === 'confirming' || phase === 'restoring') && (
        <div className="confirm" role="alertdialog" aria-labelledby="restore-confirm" aria-modal="false">
          <p id="restore-confirm">
            Copy {files(toCopy)} ({formatBytes(plan.plan.bytes)}) from <strong>backup</strong> into{' '}
            <strong>production</strong>?
            {plan.plan.change > 0 &&
              ` ${files(plan.plan.change)} in production will be replaced by the backup’s version.`}
          </p>
          <div className="row">
            <button type="button" className="primary" onClick={() => run(false)} disabled={busy}>
              {phase === 'restoring' ? 'Restoring…' : 'Restore now'}
            </button>
            <button type="button" onClick={() => setPhase('planned')} disabled={busy}>
              Cancel
            </button>
          </div>
          {phase === 'restoring' && progress && (
            <p className="muted" role="status">
              {progress.done} of {files(progress.total)}
              {progress.detail ? `: ${progress.detail}` : ''}
            </p>
          )}
        </div>
      )}
      {result && phase === 'done' && (
        <p className={result.failures.length ? 'error' : 'ok'} role="status" data-testid="restore-done">
          {result.failures.length ? '' : '✓ '}Restored {files(result.copied)} ({formatBytes(result.bytes)})
          from backup into production.
          {result.failures.length > 0 &&
            ` ${files(result.failures.length)} failed: ${result.failures
              .slice(0, 5)
              .map((f) => `${f.key} (${f.message})`)
              .join('; ')}.`}
        </p>
      )}
    </section>
  )
}
