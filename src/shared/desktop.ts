/**
 * What only the desktop window can do, beside the contract client: the preload exposes it as
 * `window.castdesk.desktop`; in a browser it is absent. Items are named by id only: the main
 * process finds their files itself and never takes a path from the page.
 */
export interface DesktopBridge {
  /** Where dropped files are on disk (Electron's `webUtils.getPathForFile`); '' for one with no path. */
  pathsForFiles(files: readonly File[]): string[]
  /** Starts dragging an item's file out to another app; call from the page's `dragstart`. */
  startDrag(id: number): void
  /** Shows an item's file in Finder, Explorer or the file manager. */
  revealInFolder(id: number): Promise<void>
}

/** IPC channels of the desktop bridge (`castdesk:call` carries the contract itself). */
export const DESKTOP_CHANNELS = {
  startDrag: 'castdesk:start-drag',
  reveal: 'castdesk:reveal',
} as const
