import { sqliteErrorBody } from './sqlite-errors'

/**
 * One error type for every door (CLI, REST, IPC, UI). `code` is stable and machine-readable;
 * `message` is a sentence a podcaster understands, naming the file and what to do.
 */
export const ERROR_CODES = [
  'unsupported_media',
  'corrupt_media',
  'empty_file',
  'file_too_large',
  'unreadable_file',
  'invalid_name',
  'duplicate',
  'not_found',
  'forbidden',
  'invalid_input',
  'invalid_config',
  'invalid_spec',
  'invalid_chapters',
  'invalid_transcript',
  'invalid_site',
  'invalid_feed',
  'podcast_exists',
  'fetch_failed',
  'address_refused',
  'storage_denied',
  'storage_unreachable',
  'storage_error',
  'disk_full',
  'tool_missing',
  'tool_failed',
  'tool_timeout',
  'silent_audio',
  'verification_failed',
  'cancelled',
  'database_too_new',
  'library_database_missing',
  'library_damaged',
  'library_mismatch',
  'library_exists',
  'storage_missing',
  'storage_unmarked',
  'storage_foreign',
  'inside_library',
  'unsafe_path',
  'too_many_deletes',
  'snapshot_damaged',
  'folder_not_empty',
  'restore_incomplete',
  'catalog_empty',
  'restore_conflict',
  'database_error',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorBody {
  code: ErrorCode
  message: string
}

export class CastdeskError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CastdeskError'
    this.code = code
  }

  toJSON(): ErrorBody {
    return { code: this.code, message: this.message }
  }
}

export function isCastdeskError(value: unknown): value is CastdeskError {
  return value instanceof CastdeskError
}

/** Any thrown value as a body every door can show; unknown errors become `internal`. */
export function toErrorBody(error: unknown): ErrorBody {
  if (isCastdeskError(error)) return error.toJSON()
  const system = systemErrorBody(error)
  if (system) return system
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: `Something went wrong inside Castdesk: ${message}` }
}

/** Operating-system and SQLite errors a person can act on, with the fix. */
function systemErrorBody(error: unknown): ErrorBody | null {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return sqliteErrorBody(code, error instanceof Error ? error.message : code)
  }
  const where = typeof path === 'string' ? ` (${path})` : ''
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { code: 'disk_full', message: `The disk is full${where}. Free up space on it, then try again.` }
    case 'EACCES':
    case 'EPERM':
      return {
        code: 'unreadable_file',
        message: `Permission denied${where}. Check the permissions of that file or folder.`,
      }
    case 'EROFS':
      return {
        code: 'storage_denied',
        message: `The disk is read-only${where}. Choose a writable folder for the library.`,
      }
    case 'EMFILE':
    case 'ENFILE':
      return {
        code: 'internal',
        message: 'Too many files are open at once. Close other programs or import fewer files at a time.',
      }
    default:
      return null
  }
}
