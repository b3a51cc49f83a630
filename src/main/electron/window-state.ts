import { type BrowserWindow, screen } from 'electron'
import { placeWindow, type WindowPlacement } from '../desktop/window-bounds'
import { readWindowState, writeWindowState } from '../desktop/window-state-file'

/** Where to open the window: the saved bounds if they are on a display connected now (see window-bounds.ts). */
export function savedPlacement(file: string): WindowPlacement {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea)
  return placeWindow(readWindowState(file), workAreas)
}

/** Saves the window's normal bounds and maximized state a moment after each change, and on close. */
export function rememberWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined
  const save = () => {
    clearTimeout(timer)
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return
    try {
      writeWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() })
    } catch {
      // A read-only user-data folder costs the remembered position, nothing else.
    }
  }
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('maximize', later)
  window.on('unmaximize', later)
  window.on('close', save)
}
