import type { ApiHandlers, ApiName } from '../../shared/api'
import { toErrorBody } from '../../shared/errors'
import type { Logger } from '../logging/logger'

/** Wraps every handler so each call is logged with its user, duration and outcome (never its input). */
export function withCallLog(log: Logger, handlers: ApiHandlers): ApiHandlers {
  const wrapped: Record<string, unknown> = {}
  for (const [name, handler] of Object.entries(handlers) as [
    ApiName,
    (i: unknown, c: never) => Promise<unknown>,
  ][]) {
    wrapped[name] = async (input: unknown, context: { user: { name: string } }) => {
      const started = performance.now()
      try {
        const result = await handler(input, context as never)
        log.debug('call', { operation: name, user: context.user.name, ms: elapsed(started) })
        return result
      } catch (error) {
        const { code, message } = toErrorBody(error)
        const level = code === 'internal' ? 'error' : 'warn'
        log[level]('call.failed', {
          operation: name,
          user: context.user.name,
          ms: elapsed(started),
          code,
          message,
        })
        throw error
      }
    }
  }
  return wrapped as ApiHandlers
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started)
}
