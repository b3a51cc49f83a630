import { type IpcMainInvokeEvent, ipcMain } from 'electron'
import type { ApiName, CallContext, ProgressEvent } from '../../shared/api'
import { toErrorBody } from '../../shared/errors'
import { callThrough } from '../api/access-rules'
import type { Call } from '../api/dispatch'

export const CALL_CHANNEL = 'castdesk:call'
/** Progress of the page's own long calls (sync, publish, backup), sent back to the page that asked. */
export const PROGRESS_CHANNEL = 'castdesk:progress'

/** Only the app's own page, in its main frame, may call the engine (for `handle` and `on` channels alike). */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  appOrigin: string,
): boolean {
  const frame = event.senderFrame
  if (!frame || frame !== event.sender.mainFrame) return false
  try {
    const url = new URL(frame.url)
    return url.origin === appOrigin || (appOrigin === 'file://' && url.protocol === 'file:')
  } catch {
    return false
  }
}

/** One IPC channel carries every contract call; results travel as `{ok, value}` or `{ok:false, error}`. */
export function registerIpcBridge(engine: Call, context: () => CallContext, appOrigin: string): void {
  const call = callThrough(engine, { kind: 'ipc' })
  ipcMain.handle(CALL_CHANNEL, async (event, name: ApiName, input: unknown) => {
    if (!isTrustedSender(event, appOrigin))
      return { ok: false, error: { code: 'forbidden', message: 'Refused.' } }
    try {
      const onProgress = (progress: ProgressEvent) => {
        if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, progress)
      }
      return { ok: true, value: await call(name, input as never, { ...context(), onProgress }) }
    } catch (error) {
      return { ok: false, error: toErrorBody(error) }
    }
  })
}
