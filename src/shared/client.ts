import type { ApiInput, ApiName, ApiOutput } from './api'

/** What the renderer talks to: `window.castdesk` in Electron, an HTTP client in a browser. */
export interface CastdeskClient {
  call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>>
}
