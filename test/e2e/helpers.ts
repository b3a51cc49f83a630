import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'

export const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots')

export const fixtures = (): string => {
  const dir = process.env.CASTDESK_E2E_FIXTURES
  if (!dir) throw new Error('global-setup did not run')
  return dir
}

/** Drops files on the window the way the OS does: a drop event carrying a DataTransfer. */
export async function dropFiles(page: Page, names: string[]): Promise<void> {
  const files = names.map((name) => ({ name, data: readFileSync(join(fixtures(), name)).toString('base64') }))
  await page.evaluate((list) => {
    const transfer = new DataTransfer()
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))
      transfer.items.add(new File([bytes], f.name))
    }
    document.body.dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer: transfer }))
    document.body.dispatchEvent(
      new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }),
    )
  }, files)
}

/** Runs the CLI on the e2e library (`--json`) and parses what it prints. */
export function castdeskJson<T>(...args: string[]): T {
  const cli = join(__dirname, '..', '..', 'bin', 'castdesk.js')
  const library = String(process.env.CASTDESK_E2E_LIBRARY)
  return JSON.parse(execFileSync('node', [cli, '--library', library, '--json', ...args]).toString()) as T
}

/**
 * Clicks an element that scrolling brings over the place where an out-of-process frame was (the
 * episode preview runs on another site). Chromium routes a mouse event by the hit-test regions of
 * the last frame it drew; Playwright scrolls and clicks within one frame, so without a drawn frame
 * in between the click goes to the preview's frame, never reaches `locator`, and Playwright still
 * reports it done.
 */
export async function clickAfterScroll(page: Page, locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded()
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))))
  await locator.click()
}
