import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { dropFiles, SHOTS } from './helpers'

const CLI = join(__dirname, '..', '..', 'bin', 'castdesk.js')
const BATCH = ['cover-art.png', 'guest-portrait.jpg', 'episode-12.mp3', 'studio-teaser.mp4', 'show-notes.txt']

test.describe.configure({ mode: 'serial' })

test('a dropped batch is uploaded and appears in the grid', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByText('Your library is empty')).toBeVisible()
  await page.screenshot({ path: join(SHOTS, '01-empty-library.png') })
  await dropFiles(page, BATCH)
  const rows = page.getByTestId('import-row')
  await expect(rows).toHaveCount(BATCH.length)
  await expect(page.locator('.import-row.status-imported')).toHaveCount(BATCH.length, { timeout: 30_000 })
  await expect(page.getByTestId('media-card')).toHaveCount(BATCH.length)
  await dropFiles(page, ['cover-art.png'])
  await expect(page.locator('.import-row.status-duplicate')).toHaveCount(1)
  await expect(page.getByTestId('media-card').locator('img').first()).toBeVisible()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: join(SHOTS, '02-import-batch.png') })
})

test('the grid filters by type, searches, and deletes with undo', async ({ page }) => {
  await page.goto('/')
  const cards = page.getByTestId('media-card')
  await expect(cards.filter({ hasText: 'show-notes' })).toBeVisible()
  // The video's poster frame is an image of the library too.
  const total = await cards.count()
  await page.getByRole('button', { name: 'Images', exact: true }).click()
  await expect(cards.filter({ hasText: 'episode-12' })).toHaveCount(0)
  await expect(cards.filter({ hasText: 'cover-art' })).toHaveCount(1)
  await page.getByRole('button', { name: 'All', exact: true }).click()
  await page.getByRole('searchbox', { name: 'Search' }).fill('episode')
  await expect(page.getByTestId('media-card')).toHaveCount(1)
  await page.getByRole('searchbox', { name: 'Search' }).fill('')
  await page.getByTestId('media-card').filter({ hasText: 'show-notes' }).click()
  await page.getByRole('button', { name: 'Move to trash' }).click()
  await expect(cards).toHaveCount(total - 1)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(cards).toHaveCount(total)
  await page.getByTestId('media-card').filter({ hasText: 'cover-art' }).click()
  await expect(page.locator('.preview img')).toBeVisible()
  await page.screenshot({ path: join(SHOTS, '03-library-image-detail.png') })
})

test('a chapter added in the editor is saved, and playback follows the chapters', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('media-card').filter({ hasText: 'episode-12' }).click()
  await expect(page.getByTestId('chapter-row')).toHaveCount(2)
  await expect(page.getByTestId('chapter-marker')).toHaveCount(2)
  await page.getByRole('button', { name: /Add chapter at/ }).click()
  const start = page.getByRole('textbox', { name: 'Start of Chapter 3' })
  await start.fill('0:03.2')
  await start.press('Enter')
  await page.getByRole('textbox', { name: 'Title of chapter 3' }).fill('Listener mail')
  await page.getByRole('button', { name: 'Save chapters' }).click()
  await expect(page.getByText('Saved 3 chapters.')).toBeVisible()

  const id = (await page.locator('.detail-head .muted').textContent()) ?? ''
  const audioId = /#(\d+)/.exec(id)?.[1] ?? ''
  const out = execFileSync('node', [
    CLI,
    '--library',
    String(process.env.CASTDESK_E2E_LIBRARY),
    '--json',
    'audio',
    'chapters',
    audioId,
  ])
  const saved = JSON.parse(out.toString()) as { chapters: { start_ms: number; title: string }[] }
  expect(saved.chapters).toContainEqual(expect.objectContaining({ start_ms: 3200, title: 'Listener mail' }))

  await expect(page.locator('.wave-wait')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('current-chapter')).toContainText('Intro')
  await page.locator('audio').evaluate((a: HTMLAudioElement) => a.play())
  await expect(page.getByTestId('current-chapter')).toContainText('Main topic', { timeout: 10_000 })
  await page.locator('audio').evaluate((a: HTMLAudioElement) => a.pause())
  await page.screenshot({ path: join(SHOTS, '04-audio-chapters.png') })
})

test('a video poster is set from the current frame', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('option', { name: /^video studio-teaser/ }).click()
  const video = page.locator('video')
  await expect(video).toBeVisible()
  await video.evaluate(async (v: HTMLVideoElement) => {
    if (v.readyState < 1) await new Promise((r) => v.addEventListener('loadedmetadata', r, { once: true }))
    v.currentTime = 2
    await new Promise((r) => v.addEventListener('seeked', r, { once: true }))
  })
  await page.getByRole('button', { name: 'Set poster from current frame' }).click()
  await expect(page.getByText(/Poster set from 2\.00 s/)).toBeVisible()
  await page.screenshot({ path: join(SHOTS, '05-video-poster.png') })
})

test('the other screens render, and axe finds no serious problems', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('media-card').filter({ hasText: 'episode-12' }).click()
  await expect(page.getByTestId('chapter-row').first()).toBeVisible()
  const axePath = createRequire(__filename).resolve('axe-core/axe.min.js')
  await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>
        }
      }
    ).axe
    return axe.run()
  })
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])

  for (const [name, shot] of [
    ['Jobs', '06-jobs.png'],
    ['Storage & sync', '07-storage.png'],
    ['Check setup', '08-check-setup.png'],
  ] as const) {
    await page.getByRole('button', { name, exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await page.waitForTimeout(500)
    await page.screenshot({ path: join(SHOTS, shot) })
  }
})
