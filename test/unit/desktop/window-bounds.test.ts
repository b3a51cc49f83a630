import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SIZE,
  parseWindowState,
  placeWindow,
  type Rect,
  type WindowState,
} from '../../../src/main/desktop/window-bounds'
import {
  readWindowState,
  windowStateFile,
  writeWindowState,
} from '../../../src/main/desktop/window-state-file'
import { freshDirs } from '../../helpers/fresh-dirs'

const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 } // macOS: menu bar above the work area
const EXTERNAL_RIGHT: Rect = { x: 1440, y: 0, width: 2560, height: 1400 }
const EXTERNAL_LEFT: Rect = { x: -1920, y: 0, width: 1920, height: 1040 }
const saved = (x: number, y: number, width = 1000, height = 700, maximized = false): WindowState => ({
  bounds: { x, y, width, height },
  maximized,
})

describe('placeWindow', () => {
  it('opens at the default size, placed by the OS, when nothing was saved', () => {
    expect(placeWindow(null, [EXTERNAL_RIGHT])).toEqual({ ...DEFAULT_SIZE, maximized: false })
  })

  it('fits the default size to a small primary display', () => {
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700,
      maximized: false,
    })
  })

  it('restores a window that is wholly on a display exactly', () => {
    expect(placeWindow(saved(100, 80), [LAPTOP])).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('restores a window on a second display, including one left of the primary (negative x)', () => {
    expect(placeWindow(saved(1600, 200), [LAPTOP, EXTERNAL_RIGHT])).toMatchObject({ x: 1600, y: 200 })
    expect(placeWindow(saved(-1800, 100), [LAPTOP, EXTERNAL_LEFT])).toMatchObject({ x: -1800, y: 100 })
  })

  it('falls back to the default when the display it was on is gone (unplugged monitor)', () => {
    expect(placeWindow(saved(1600, 200), [LAPTOP])).toEqual({
      ...DEFAULT_SIZE,
      height: 820,
      maximized: false,
    })
    expect(placeWindow(saved(-1800, 100), [LAPTOP])).not.toHaveProperty('x')
  })

  it('falls back when only a sliver of the title bar would be on screen', () => {
    // 40 px of the window's left edge on the laptop: too little to grab.
    expect(placeWindow(saved(1400, 100), [LAPTOP])).not.toHaveProperty('x')
    // Title bar above the top of the work area (under the menu bar) and the rest far below.
    expect(placeWindow(saved(100, -500), [LAPTOP])).not.toHaveProperty('x')
  })

  it('moves a partly-off-screen window fully onto the display it is mostly on', () => {
    expect(placeWindow(saved(900, 500), [LAPTOP])).toEqual({
      x: 440,
      y: 200,
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('picks the display holding most of a window that straddles two', () => {
    const placed = placeWindow(saved(1300, 100, 1000, 700), [LAPTOP, EXTERNAL_RIGHT])
    expect(placed).toMatchObject({ x: 1440, y: 100 })
  })

  it('shrinks a window larger than its display (resolution lowered) and keeps a minimum size', () => {
    expect(placeWindow(saved(0, 25, 3000, 2000), [LAPTOP])).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 875,
      maximized: false,
    })
    expect(placeWindow(saved(10, 40, 200, 100), [LAPTOP])).toMatchObject({ width: 720, height: 480 })
  })

  it('keeps the maximized flag, on screen or not', () => {
    expect(placeWindow(saved(100, 80, 1000, 700, true), [LAPTOP])).toMatchObject({ x: 100, maximized: true })
    expect(placeWindow(saved(5000, 80, 1000, 700, true), [LAPTOP])).toEqual({
      ...DEFAULT_SIZE,
      maximized: true,
    })
  })

  it('opens at the default size when there is no display information', () => {
    expect(placeWindow(saved(100, 80), [])).toEqual({ ...DEFAULT_SIZE, maximized: false })
  })
})

describe('parseWindowState', () => {
  it('accepts a well-formed state', () => {
    expect(parseWindowState(saved(-10, 5, 800, 600, true))).toEqual(saved(-10, 5, 800, 600, true))
  })

  it.each([
    null,
    'x',
    {},
    { bounds: { x: 0, y: 0, width: 800, height: 600 } },
    { bounds: { x: 0, y: 0, width: 800 }, maximized: false },
    { bounds: { x: 0.5, y: 0, width: 800, height: 600 }, maximized: false },
    { bounds: { x: 0, y: 0, width: 0, height: 600 }, maximized: false },
    { bounds: { x: Number.NaN, y: 0, width: 800, height: 600 }, maximized: false },
    { bounds: { x: '0', y: 0, width: 800, height: 600 }, maximized: false },
    { bounds: { x: 1e9, y: 0, width: 800, height: 600 }, maximized: false },
  ])('rejects %j', (raw) => {
    expect(parseWindowState(raw)).toBeNull()
  })
})

describe('window-state.json', () => {
  const dirs = freshDirs('castdesk-window-state-')

  it('round-trips through the user-data folder, leaving no temp file', () => {
    const dir = join(dirs.make(), 'Castdesk')
    const file = windowStateFile(dir)
    expect(readWindowState(file)).toBeNull()
    writeWindowState(file, saved(12, 34, 900, 650, true))
    expect(readWindowState(file)).toEqual(saved(12, 34, 900, 650, true))
    expect(readdirSync(dir)).toEqual(['window-state.json'])
  })

  it('reads a corrupt or hand-edited file as "nothing saved"', () => {
    const file = windowStateFile(dirs.make())
    writeFileSync(file, '{"bounds": {"x": 1')
    expect(readWindowState(file)).toBeNull()
    writeFileSync(file, JSON.stringify({ bounds: { x: 1, y: 2, width: -5, height: 3 }, maximized: false }))
    expect(readWindowState(file)).toBeNull()
    expect(existsSync(file)).toBe(true)
  })
})
