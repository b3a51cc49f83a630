import type { PlannedFile, SyncReport } from '../../../../shared/api/storage.api'
import { formatBytes } from '../../../../shared/format'
import { files, folderLabel, totalSize } from './sync-format'

/** Rows shown per group; the rest are counted (a first sync can plan thousands of renditions). */
const SHOWN = 300

const GROUPS = [
  { id: 'add', sign: '+', title: 'New', hint: 'copied to' },
  { id: 'change', sign: '~', title: 'Changed', hint: 'replaced in' },
  { id: 'delete', sign: '−', title: 'Removed', hint: 'moved into the quarantine of' },
  {
    id: 'missing',
    sign: '!',
    title: 'Missing from the source, kept — the only copy',
    hint: 'never removed from',
  },
  { id: 'extra', sign: '?', title: 'Only in destination', hint: 'left alone in' },
] as const

/** The dry run as a person reviews it: what will be added, changed and removed, file by file. */
export function SyncPlan({ plan, canRemove = true }: { plan: SyncReport; canRemove?: boolean }) {
  const list = plan.files ?? { add: [], change: [], extra: [], delete: [] }
  const deleting = new Set(list.delete.map((f) => f.key))
  const missing = plan.missing ?? []
  const needed = new Set(missing.map((f) => f.key))
  const groups = {
    add: list.add,
    change: list.change,
    delete: list.delete,
    missing,
    extra: list.extra.filter((f) => !deleting.has(f.key) && !needed.has(f.key)),
  }
  const nothing = list.add.length + list.change.length + list.delete.length === 0
  return (
    <section className="sync-plan" aria-labelledby="plan-title" data-testid="sync-plan">
      <h3 id="plan-title">
        Plan: {plan.from} → {plan.to}
      </h3>
      <p className="plan-summary">
        {nothing ? (
          <strong>Everything is in sync: nothing to copy.</strong>
        ) : (
          <>
            <strong>{formatBytes(plan.plan.bytes)}</strong> to copy in{' '}
            {files(list.add.length + list.change.length)}.
          </>
        )}{' '}
        {plan.plan.same > 0 && (
          <span className="muted">{files(plan.plan.same)} already there and unchanged.</span>
        )}
      </p>
      {GROUPS.map((group) => {
        const entries: PlannedFile[] = groups[group.id]
        if (entries.length === 0) return null
        return (
          <details key={group.id} className={`plan-group plan-${group.id}`} open={group.id !== 'extra'}>
            <summary>
              <span className="plan-sign" aria-hidden="true">
                {group.sign}
              </span>
              <strong>
                {group.title}: {files(entries.length)}
              </strong>{' '}
              <span className="muted">
                ({formatBytes(totalSize(entries))}, {group.hint} {plan.to})
              </span>
            </summary>
            <table className="plan-files">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.slice(0, SHOWN).map((f) => (
                  <tr key={f.key}>
                    <td className="plan-key" title={f.key}>
                      <span className="muted">{f.key.slice(0, f.key.lastIndexOf('/') + 1)}</span>
                      {f.key.slice(f.key.lastIndexOf('/') + 1)}
                    </td>
                    <td>{folderLabel(f.key)}</td>
                    <td className="num">
                      {f.previousSize !== undefined && (
                        <span className="muted">{formatBytes(f.previousSize)} → </span>
                      )}
                      {formatBytes(f.size)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {entries.length > SHOWN && <p className="muted">…and {files(entries.length - SHOWN)} more.</p>}
          </details>
        )
      })}
      {missing.length > 0 && (
        <p className="notice" role="alert">
          {files(missing.length)} that items use {missing.length === 1 ? 'is' : 'are'} missing from{' '}
          {plan.from} and only {plan.to} still has {missing.length === 1 ? 'it' : 'them'}: they are never
          removed. To bring {missing.length === 1 ? 'it' : 'them'} back, run <code>{plan.missingFix}</code>.
        </p>
      )}
      {plan.deleteSkipped && <p className="notice">{plan.deleteSkipped}</p>}
      {groups.extra.length > 0 && list.delete.length === 0 && canRemove && (
        <p className="muted">
          Files only in {plan.to} are kept. Tick “Also remove files {plan.to} has that this library doesn’t”
          to delete them.
        </p>
      )}
    </section>
  )
}
