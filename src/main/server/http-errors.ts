import { type ErrorBody, type ErrorCode, toErrorBody } from '../../shared/errors'

/**
 * The HTTP status of each error code (README, "REST API"). Codes not named here fall back by
 * family: `invalid_*` 400, `storage_*` 502, anything else 500.
 *
 * - 400: the request itself is wrong (bad input, spec, chapters, transcript, name).
 * - 401: no or no valid credentials (`unauthorized`, a code of this door only).
 * - 403: credentials fine, but not allowed here (wrong Host, cross-site request).
 * - 404: no such item, file, page or route, also for another user's item (never 403 for that).
 * - 409: the acting user already has these bytes.
 * - 413: larger than uploadLimits.
 * - 422: a well-formed upload whose content Castdesk cannot use (empty, corrupt, unsupported).
 * - 502/503: a storage refused or could not be reached; 504: a tool timed out.
 * - 500: Castdesk's own fault or set-up (tools, config, database, disk).
 */
const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  invalid_spec: 400,
  invalid_chapters: 400,
  invalid_transcript: 400,
  invalid_site: 400,
  invalid_name: 400,
  // A link in a local storage that leads outside it: Castdesk refuses to follow it.
  unsafe_path: 403,
  forbidden: 403,
  not_found: 404,
  duplicate: 409,
  too_many_deletes: 409,
  catalog_empty: 409,
  restore_conflict: 409,
  podcast_exists: 409,
  address_refused: 403,
  fetch_failed: 502,
  file_too_large: 413,
  empty_file: 422,
  corrupt_media: 422,
  unsupported_media: 422,
  silent_audio: 422,
  verification_failed: 422,
  cancelled: 409,
  storage_denied: 502,
  storage_error: 502,
  storage_unreachable: 503,
  storage_missing: 503,
  storage_unmarked: 409,
  storage_foreign: 409,
  inside_library: 422,
  tool_timeout: 504,
  database_error: 503,
  invalid_config: 500,
}

export function statusOf(code: string): number {
  const known = STATUS[code as ErrorCode]
  if (known) return known
  if (code.startsWith('invalid_')) return 400
  if (code.startsWith('storage_')) return 502
  return 500
}

/** A body with a code this door adds to the shared ones (`unauthorized`). */
export interface HttpErrorBody {
  code: ErrorCode | 'unauthorized'
  message: string
}

/** Any thrown value as a status and the JSON body every route answers errors with. */
export function httpError(error: unknown): { status: number; body: ErrorBody } {
  const body = toErrorBody(error)
  return { status: statusOf(body.code), body }
}
