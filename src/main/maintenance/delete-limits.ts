import { CastdeskError } from '../../shared/errors'

/**
 * The guards every removing command passes before it removes anything (pure): a catalog with no
 * items removes nothing, and more than `maxDelete` files or `maxDeleteFraction` of the managed
 * files at a storage need `--max-delete N` with N covering the plan (rclone's semantics).
 */
export interface DeleteLimits {
  maxDelete: number
  maxDeleteFraction: number
}

export interface DeletePlan {
  /** How the command is run again, e.g. "castdesk sync --delete --to production". */
  command: string
  storage: string
  /** Files the command would remove. */
  planned: number
  /** Files under Castdesk's folders at that storage (the fraction is of these). */
  managed: number
  /** Items in the catalog, trashed ones included. */
  items: number
  /** --max-delete N, when given. */
  override?: number
  /** How to review the plan first (default: run the command with --dry-run). */
  review?: string
}

/** Why the plan may not run, or null. */
export function deleteRefusal(plan: DeletePlan, limits: DeleteLimits): CastdeskError | null {
  if (plan.planned === 0) return null
  if (plan.items === 0) {
    return new CastdeskError(
      'catalog_empty',
      `The catalog has no items, so Castdesk removes nothing from storage "${plan.storage}" (${plan.planned} files would go). If the library's database was replaced or emptied, restore it first (castdesk library restore); a new library has nothing to remove.`,
    )
  }
  if (plan.override !== undefined) {
    if (plan.planned <= plan.override) return null
    return new CastdeskError(
      'too_many_deletes',
      `${plan.command} would remove ${plan.planned} files from storage "${plan.storage}", more than --max-delete ${plan.override}; nothing was removed. ${review(plan)}, then run it with --max-delete ${plan.planned}.`,
    )
  }
  const fraction = plan.managed > 0 ? plan.planned / plan.managed : 1
  const overCount = plan.planned > limits.maxDelete
  const overFraction = fraction > limits.maxDeleteFraction
  if (!overCount && !overFraction) return null
  const why = overCount
    ? `more than maxDelete (${limits.maxDelete})`
    : `${percent(fraction)} of the ${plan.managed} files there, more than maxDeleteFraction (${percent(limits.maxDeleteFraction)})`
  return new CastdeskError(
    'too_many_deletes',
    `${plan.command} would remove ${plan.planned} files from storage "${plan.storage}", ${why}; nothing was removed. ${review(plan)}, then run it with --max-delete ${plan.planned}.`,
  )
}

function review(plan: DeletePlan): string {
  return plan.review ?? 'Check the plan with --dry-run'
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`
}
