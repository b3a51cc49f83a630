import { contextBridge, ipcRenderer } from 'electron'
import type { CastdeskClient } from '../shared/client'

const CALL_CHANNEL = 'castdesk:call'

// The page gets the typed client only, never ipcRenderer itself.
const client: CastdeskClient = {
  async call(name, input) {
    const reply = (await ipcRenderer.invoke(CALL_CHANNEL, name, input)) as
      | { ok: true; value: never }
      | { ok: false; error: { code: string; message: string } }
    if (reply.ok) return reply.value
    throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
  },
}

contextBridge.exposeInMainWorld('castdesk', client)
