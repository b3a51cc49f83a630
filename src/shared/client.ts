import type { ApiInput, ApiName, ApiOutput, ProgressEvent } from './api'

/** What the renderer talks to: `window.castdesk` in Electron, an HTTP client in a browser. */
export interface CastdeskClient {
  call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>>
  /**
   * Progress of the long operations this user runs (sync, backup, restore); returns the
   * unsubscribe. Optional: where a door does not deliver it yet, screens show a busy state only.
   */
  onProgress?(listener: (event: ProgressEvent) => void): () => void
}
