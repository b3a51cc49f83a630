import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { ProgressEvent } from '../shared/api'
import type { CastdeskClient } from '../shared/client'
import { DESKTOP_CHANNELS, type DesktopBridge } from '../shared/desktop'

const CALL_CHANNEL = 'castdesk:call'
const PROGRESS_CHANNEL = 'castdesk:progress'

type Reply = { ok: true; value: never } | { ok: false; error: { code: string; message: string } }

function unwrap(reply: Reply): never {
  if (reply.ok) return reply.value
  throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
}

// The page gets the typed client and a few narrow desktop functions, never ipcRenderer itself.
const desktop: DesktopBridge = {
  pathsForFiles: (files) => Array.from(files, (file) => webUtils.getPathForFile(file)),
  startDrag: (id) => ipcRenderer.send(DESKTOP_CHANNELS.startDrag, id),
  revealInFolder: async (id) => {
    unwrap((await ipcRenderer.invoke(DESKTOP_CHANNELS.reveal, id)) as Reply)
  },
}

const client: CastdeskClient & { desktop: DesktopBridge } = {
  async call(name, input) {
    return unwrap((await ipcRenderer.invoke(CALL_CHANNEL, name, input)) as Reply)
  },
  onProgress(listener) {
    const forward = (_event: unknown, progress: ProgressEvent) => listener(progress)
    ipcRenderer.on(PROGRESS_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, forward)
    }
  },
  desktop,
}

contextBridge.exposeInMainWorld('castdesk', client)
