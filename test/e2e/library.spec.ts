import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { seriousAxeViolations } from './axe'
import { castdeskJson, dropFiles, SHOTS } from './helpers'

const BATCH = ['cover-art.png', 'guest-portrait.jpg', 'episode-12.mp3', 'studio-teaser.mp4', 'show-notes.txt']

test.describe.configure({ mode: 'serial' })

// The specs share one library and run in file-name order: this one starts from an empty library, so
// a spec that imports must sort after it (e.g. masters-encode.spec.ts, not audio-encode.spec.ts).

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
  // The video's poster is made in the background; the grid shows it when the work is done.
  await expect(
    page.getByTestId('media-card').filter({ hasText: 'studio-teaser' }).locator('img'),
  ).toBeVisible({
    timeout: 30_000,
  })
  await page.waitForTimeout(500)
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
  // Ctrl-click selects several; they go to the trash together and come back together.
  await cards.filter({ hasText: 'show-notes' }).click()
  await cards.filter({ hasText: 'guest-portrait' }).click({ modifiers: ['Control'] })
  await expect(page.getByText('2 selected')).toBeVisible()
  await page.getByRole('button', { name: 'Move 2 to trash' }).click()
  await expect(cards).toHaveCount(total - 2)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(cards).toHaveCount(total)
  // What still needs work: the images without alt text.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('no-alt')
  await expect(cards.filter({ hasText: 'cover-art' })).toHaveCount(1)
  await expect(cards.filter({ hasText: 'episode-12' })).toHaveCount(0)
  await page.getByRole('combobox', { name: 'Show' }).selectOption('all')
})

test('an image gets a focal point by dragging, alt text, and its responsive picture', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/')
  await page.getByTestId('media-card').filter({ hasText: 'cover-art' }).click()
  const frame = page.getByTestId('focal-frame')
  await expect(frame.locator('img')).toBeVisible()
  const box = (await frame.boundingBox()) as { x: number; y: number; width: number; height: number }
  // Drag over the right half's middle: the image is 640×480.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.25)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.5, { steps: 5 })
  await page.mouse.move(box.x + box.width, box.y + box.height * 0.75, { steps: 5 })
  await page.mouse.up()
  await expect(page.getByText('Focal point saved.')).toBeVisible()
  const id = /#(\d+)/.exec((await page.locator('.detail-head .muted').textContent()) ?? '')?.[1] ?? ''
  const shown = castdeskJson<{ focal_point: { x: number; y: number; width: number; height: number } }>(
    'show',
    id,
  )
  expect(shown.focal_point.x).toBeGreaterThan(470)
  expect(shown.focal_point.x).toBeLessThan(490)
  expect(shown.focal_point.y).toBeGreaterThan(230)
  expect(shown.focal_point.y).toBeLessThan(250)
  expect(shown.focal_point.width).toBeGreaterThan(310)

  await page.getByRole('textbox', { name: 'Alt text' }).fill('A violet cover with a pale circle')
  await page.getByRole('button', { name: 'Save alt text' }).click()
  await expect(page.getByText('Alt text saved.')).toBeVisible()

  await expect(page.getByTestId('renditions')).toContainText('AVIF')
  await expect(page.locator('.picture-preview img')).toHaveJSProperty('complete', true)
  expect(
    await page.locator('.picture-preview img').evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBe(640)
  await page.getByRole('button', { name: 'Copy markup' }).click()
  const markup = await page.evaluate(() => navigator.clipboard.readText())
  expect(markup).toMatch(
    /^<picture><source type="image\/avif" srcset="[^"]+" sizes="\(max-width: 600px\) 555px, /,
  )
  expect(markup).toContain('alt="A violet cover with a pale circle"')
  await page.locator('.detail').evaluate((panel) => panel.scrollTo(0, 0))
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
  const saved = castdeskJson<{ chapters: { start_ms: number; title: string }[] }>(
    'audio',
    'chapters',
    audioId,
  )
  expect(saved.chapters).toContainEqual(expect.objectContaining({ start_ms: 3200, title: 'Listener mail' }))

  // Drag the new chapter's marker on the waveform to the left, save, and find the move in the CLI.
  await expect(page.locator('.wave-wait')).toHaveCount(0, { timeout: 30_000 })
  const marker = page.getByTestId('chapter-marker').nth(2)
  const at = (await marker.boundingBox()) as { x: number; y: number; width: number; height: number }
  const wave = (await page.locator('.waveform').boundingBox()) as { x: number; width: number }
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2)
  await page.mouse.down()
  await page.mouse.move(at.x + at.width / 2 - wave.width * 0.1, at.y + at.height / 2, { steps: 8 })
  await page.mouse.up()
  await page.getByRole('button', { name: 'Save chapters' }).click()
  await expect(page.getByText('Saved 3 chapters.')).toBeVisible()
  const moved = castdeskJson<{ chapters: { start_ms: number; title: string }[] }>(
    'audio',
    'chapters',
    audioId,
  )
  const mail = moved.chapters.find((c) => c.title === 'Listener mail')
  expect(mail?.start_ms).toBeGreaterThan(2400)
  expect(mail?.start_ms).toBeLessThan(3000)

  // Chapters out as a file in any format, and into the MP3 itself.
  await page.getByRole('combobox', { name: 'Chapter file format' }).selectOption('podlove-json')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  const file = await (await download).path()
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { title: string }[]
  expect(exported.map((c) => c.title)).toEqual(['Intro', 'Main topic', 'Listener mail'])
  await page.getByRole('button', { name: 'Write chapters into the audio files' }).click()
  await expect(page.getByText('Chapters written into MP3 (3).')).toBeVisible({ timeout: 30_000 })

  await expect(page.locator('.wave-wait')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('current-chapter')).toContainText('Intro')
  await page.locator('audio').evaluate((a: HTMLAudioElement) => a.play())
  await expect(page.getByTestId('current-chapter')).toContainText('Main topic', { timeout: 10_000 })
  await page.locator('audio').evaluate((a: HTMLAudioElement) => a.pause())
  await page.screenshot({ path: join(SHOTS, '04-audio-chapters.png') })

  // A chapter file from another tool replaces the marks (mp4chaps text, recognised by its content).
  await page.getByLabel('Import chapters…').setInputFiles({
    name: 'from-auphonic.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('00:00:00.000 Cold open\n00:00:01.000 News\n00:00:02.500 Outro\n'),
  })
  await expect(page.getByText(/Imported 3 chapters from from-auphonic\.txt/)).toBeVisible()
  await expect(page.getByTestId('chapter-row')).toHaveCount(3)
  const imported = castdeskJson<{ chapters: { title: string }[] }>('audio', 'chapters', audioId)
  expect(imported.chapters.map((c) => c.title)).toEqual(['Cold open', 'News', 'Outro'])
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
  expect(await seriousAxeViolations(page)).toEqual([])

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
