export type CheckStatus = 'ok' | 'warning' | 'error'

/** One finding of `castdesk doctor`: what was checked, the verdict, and one sentence on what to do. */
export interface CheckResult {
  id: string
  title: string
  status: CheckStatus
  message: string
  details?: Record<string, unknown>
}

const finding =
  (status: CheckStatus) =>
  (id: string, title: string, message: string, details?: Record<string, unknown>): CheckResult => ({
    id,
    title,
    status,
    message,
    ...(details ? { details } : {}),
  })

export const ok = finding('ok')
export const warning = finding('warning')
export const failure = finding('error')
