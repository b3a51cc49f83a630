export type CheckStatus = 'ok' | 'warning' | 'error'

/** One finding of `castdesk doctor`: what was checked, the verdict, and one sentence on what to do. */
export interface CheckResult {
  id: string
  title: string
  status: CheckStatus
  message: string
  details?: Record<string, unknown>
}

export const ok = (
  id: string,
  title: string,
  message: string,
  details?: Record<string, unknown>,
): CheckResult => ({
  id,
  title,
  status: 'ok',
  message,
  ...(details ? { details } : {}),
})

export const warning = (
  id: string,
  title: string,
  message: string,
  details?: Record<string, unknown>,
): CheckResult => ({
  id,
  title,
  status: 'warning',
  message,
  ...(details ? { details } : {}),
})

export const failure = (
  id: string,
  title: string,
  message: string,
  details?: Record<string, unknown>,
): CheckResult => ({
  id,
  title,
  status: 'error',
  message,
  ...(details ? { details } : {}),
})
