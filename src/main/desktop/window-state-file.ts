import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseWindowState, type WindowState } from './window-bounds'

export const WINDOW_STATE_FILE = 'window-state.json'

/** `window-state.json` in the app's user-data folder. */
export function windowStateFile(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE)
}

/** The saved window state, or null when there is none or it is unreadable (a bad file never blocks start-up). */
export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return null
  }
}

/** Writes the state through a temp file and a rename, so a crash mid-write leaves the old file whole. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(temp, file)
}
