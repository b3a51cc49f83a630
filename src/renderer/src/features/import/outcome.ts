import type { ImportOutcome } from '../../../../shared/media'
import type { UploadResult } from './upload'

/**
 * One dropped entry's result from `media.import` by path (desktop): a file gives one outcome; a
 * folder gives one per file inside, summed up in one line.
 */
export function resultOfOutcomes(outcomes: readonly ImportOutcome[]): UploadResult {
  const [only] = outcomes
  if (outcomes.length === 1 && only) {
    if (only.status === 'imported')
      return { status: 'imported', message: `Imported as ${only.type ?? 'item'}`, id: only.id }
    if (only.status === 'duplicate')
      return { status: 'duplicate', message: 'Already in your library.', id: only.id }
    return { status: 'error', message: only.error?.message ?? 'This file could not be imported.' }
  }
  if (outcomes.length === 0)
    return { status: 'error', message: 'There was nothing to import in this folder.' }
  const count = (status: ImportOutcome['status']) => outcomes.filter((o) => o.status === status).length
  const imported = count('imported')
  const duplicates = count('duplicate')
  const errors = outcomes.filter((o) => o.status === 'error')
  const parts = [
    `Imported ${imported} of ${outcomes.length} files`,
    duplicates ? `${duplicates} already in your library` : '',
    errors.length ? `${errors.length} failed (first: ${errors[0]?.error?.message ?? errors[0]?.path})` : '',
  ].filter(Boolean)
  const status = imported ? 'imported' : errors.length ? 'error' : 'duplicate'
  return { status, message: parts.join(' · ') }
}
