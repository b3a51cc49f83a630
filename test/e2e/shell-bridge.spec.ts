import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { dropFiles, fixtures, SHOTS } from './helpers'

/**
 * The renderer's side of the desktop bridge, in Chromium: `window.castdesk` is stood in for the
 * preload (contract calls go over HTTP, the desktop functions are recorded), as Electron cannot
 * run here. The main-process side is tested under Node (test/integration/desktop).
 */
test.beforeEach(async ({ page }) => {
  await page.addInitScript((dir) => {
    const w = window as unknown as Record<string, unknown>
    const calls: unknown[][] = []
    w.__bridgeCalls = calls
    w.castdesk = {
      async call(name: string, input: unknown) {
        if (name === 'media.import') {
          // Local-only over HTTP; the stand-in answers as the engine would.
          calls.push([name, input])
          const paths = (input as { paths: string[] }).paths
          return paths.map((path, i) => ({ path, status: 'imported', id: 9000 + i, type: 'file' }))
        }
        const response = await fetch(`/api/call/${name}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        })
        const body = await response.json()
        if (!response.ok) throw Object.assign(new Error(body.message), { code: body.code })
        return body
      },
      desktop: {
        pathsForFiles: (files: File[]) => files.map((f) => `${dir}/${f.name}`),
        startDrag: (id: number) => calls.push(['startDrag', id]),
        revealInFolder: async (id: number) => {
          calls.push(['revealInFolder', id])
        },
      },
    }
  }, fixtures())
})

const bridgeCalls = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __bridgeCalls: unknown[][] }).__bridgeCalls)

test('a drop in the desktop window imports by path, uploading nothing', async ({ page }) => {
  const uploads: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/(images|audios|videos|files)\//.test(r.url())) uploads.push(r.url())
  })
  await page.goto('/')
  await dropFiles(page, ['show-notes.txt', 'cover-art.png'])
  await expect(page.locator('.import-row.status-imported')).toHaveCount(2)
  await expect(page.locator('.import-row').first()).toContainText('Imported as file')
  expect(await bridgeCalls(page)).toEqual([
    ['media.import', { paths: [join(fixtures(), 'show-notes.txt')] }],
    ['media.import', { paths: [join(fixtures(), 'cover-art.png')] }],
  ])
  expect(uploads).toEqual([])
})

test('cards drag out by id and the detail panel offers Reveal in folder', async ({ page, browser }) => {
  await page.goto('/')
  const cards = page.getByTestId('media-card')
  await expect(cards.first().or(page.getByText('Your library is empty'))).toBeVisible()
  if ((await cards.count()) === 0) {
    // Seeded through a plain browser page: an upload, as the stand-in's media.import stores nothing.
    const plain = await browser.newPage({ storageState: 'test-results/e2e-state.json' })
    await plain.goto('/')
    await dropFiles(plain, ['show-notes.txt'])
    await expect(plain.locator('.import-row.status-imported')).toHaveCount(1)
    await plain.close()
    await page.reload()
  }
  const card = cards.filter({ hasText: 'show-notes' })
  await card.click()
  const id = Number(/#(\d+)/.exec((await page.locator('.detail-head .muted').textContent()) ?? '')?.[1])
  await expect(card).toHaveAttribute('draggable', 'true')
  await card.dispatchEvent('dragstart')
  await page.getByRole('button', { name: 'Reveal in folder' }).click()
  await expect
    .poll(() => bridgeCalls(page))
    .toEqual([
      ['startDrag', id],
      ['revealInFolder', id],
    ])
  await page.screenshot({ path: join(SHOTS, '13-desktop-detail-reveal.png') })
})

test('in a plain browser there is no Reveal in folder and cards are not draggable', async ({ browser }) => {
  const page = await browser.newPage({ storageState: 'test-results/e2e-state.json' })
  await page.goto('/')
  const card = page.getByTestId('media-card').filter({ hasText: 'show-notes' })
  await card.click()
  await expect(page.getByRole('button', { name: 'Move to trash' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Reveal in folder' })).toHaveCount(0)
  await expect(card).toHaveAttribute('draggable', 'false')
  await page.close()
})
