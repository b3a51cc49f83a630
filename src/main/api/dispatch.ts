import type { ApiHandlers, ApiInput, ApiName, ApiOutput, CallContext } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import { API_NAMES } from './access-rules'
import { inputSchema } from './contract-inputs'

export type Call = <N extends ApiName>(
  name: N,
  input: ApiInput<N>,
  context: CallContext,
) => Promise<ApiOutput<N>>

/** Validates each call's input against the contract, then runs its one handler. */
export function createDispatcher(handlers: ApiHandlers): Call {
  assertExactlyOneHandlerEach(handlers)
  return async (name, input, context) => {
    // Without zod's JIT: a compiled parser per object schema costs more than the small inputs here
    // ever take to check, and a one-shot command parses one input.
    const parsed = (await inputSchema(name)).safeParse(input, { jitless: true })
    if (!parsed.success) {
      const details = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`,
      )
      throw new CastdeskError('invalid_input', `${name}: ${details.join('; ')}`)
    }
    const handler = handlers[name] as (
      input: unknown,
      context: CallContext,
    ) => Promise<ApiOutput<typeof name>>
    return handler(parsed.data, context)
  }
}

function assertExactlyOneHandlerEach(handlers: ApiHandlers): void {
  const missing = API_NAMES.filter((name) => typeof handlers[name] !== 'function')
  const extra = Object.keys(handlers).filter((name) => !API_NAMES.includes(name as ApiName))
  if (missing.length || extra.length) {
    throw new Error(`API handlers do not match src/shared/api.ts: missing [${missing}], unknown [${extra}]`)
  }
}
