import { join } from 'node:path'
import { BrowserWindow, session, shell } from 'electron'
import { MIN_SIZE } from '../desktop/window-bounds'
import { rememberWindowState, savedPlacement } from './window-state'

const PREVIEW_ORIGIN = 'castdesk-media://preview/'

/** Frames only from the episode preview (its own origin, under the published page's policy). */
const CSP = `default-src 'self'; img-src 'self' data: castdesk-media:; media-src 'self' castdesk-media:; style-src 'self'; script-src 'self'; frame-src ${PREVIEW_ORIGIN}; object-src 'none'; base-uri 'none'`

/**
 * The library window: isolated, sandboxed, no Node in the page, no navigation away; it reopens
 * where it was (`stateFile`) when that place is still on a display.
 */
export function createMainWindow(rendererUrl: string | undefined, stateFile: string): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // An episode preview keeps the published page's own policy (the engine sends it).
    if (details.url.startsWith(PREVIEW_ORIGIN)) return callback({ responseHeaders: details.responseHeaders })
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  const { maximized, ...bounds } = savedPlacement(stateFile)
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Castdesk',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  rememberWindowState(window, stateFile)
  window.once('ready-to-show', () => {
    if (maximized) window.maximize()
    window.show()
  })
  if (rendererUrl) void window.loadURL(rendererUrl)
  else void window.loadFile(join(__dirname, '../renderer/index.html'))
  return window
}
