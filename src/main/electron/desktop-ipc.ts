import { app, ipcMain, shell } from 'electron'
import type { CallContext } from '../../shared/api'
import { DESKTOP_CHANNELS } from '../../shared/desktop'
import { toErrorBody } from '../../shared/errors'
import type { Call } from '../api/dispatch'
import { itemFileForDesktop } from '../desktop/item-file'
import type { Logger } from '../logging/logger'
import { isTrustedSender } from './ipc-bridge'

/**
 * Drag-out and "Reveal in folder": the page sends an item id only; the file is resolved here
 * through the contract (the acting user's own items, checked to exist), never taken from the page.
 */
export function registerDesktopIpc(
  call: Call,
  context: () => CallContext,
  appOrigin: string,
  log: Logger,
): void {
  ipcMain.on(DESKTOP_CHANNELS.startDrag, (event, id: unknown) => {
    if (!isTrustedSender(event, appOrigin)) return
    void itemFileForDesktop(call, id, context())
      .then(async (file) => {
        const icon = await app.getFileIcon(file, { size: 'normal' })
        if (!event.sender.isDestroyed()) event.sender.startDrag({ file, icon })
      })
      .catch((error) => log.warn('desktop.drag', { id, ...toErrorBody(error) }))
  })
  ipcMain.handle(DESKTOP_CHANNELS.reveal, async (event, id: unknown) => {
    if (!isTrustedSender(event, appOrigin))
      return { ok: false, error: { code: 'forbidden', message: 'Refused.' } }
    try {
      shell.showItemInFolder(await itemFileForDesktop(call, id, context()))
      return { ok: true, value: null }
    } catch (error) {
      return { ok: false, error: toErrorBody(error) }
    }
  })
}
