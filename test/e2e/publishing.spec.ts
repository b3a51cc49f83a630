import { existsSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { expect, type Locator, test } from '@playwright/test'
import { castdeskJson, clickAfterScroll, fixtures, SHOTS } from './helpers'

test.describe.configure({ mode: 'serial' })

test.beforeAll(() => {
  // The media the episode uses (already there when library.spec.ts ran first: reported as duplicates).
  const files = ['cover-art.png', 'guest-portrait.jpg', 'episode-12.mp3', 'studio-teaser.mp4']
  const imported = castdeskJson<Array<{ path: string; id: number }>>(
    'import',
    ...files.map((f) => join(fixtures(), f)),
  )
  // A transcript for the episode's audio, which the preview's player shows in its tab.
  const audio = imported.find((item) => item.path.endsWith('episode-12.mp3'))?.id
  const vtt = join(fixtures(), 'episode-12-transcript.vtt')
  writeFileSync(vtt, TRANSCRIPT)
  castdeskJson('audio', 'transcript', String(audio), '--import', vtt)
})

const TRANSCRIPT =
  'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n<v Anna>Welcome to Kitchen Radio.\n\n' +
  '00:00:01.500 --> 00:00:04.000\n<v Ben>Today we bake bread.\n'

test('an episode is written block by block, previewed, and published', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Episodes', exact: true }).click()
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Kitchen Radio')
  await page.getByRole('textbox', { name: 'Base URL' }).fill('https://example.org/kitchen/')
  await choose(page.getByRole('combobox', { name: 'Podcast cover' }), 'cover-art')
  await page.getByRole('button', { name: 'Create podcast' }).click()
  await page.getByRole('button', { name: 'New episode' }).click()

  const editor = page.getByRole('region', { name: 'Episode editor' })
  await editor.getByRole('textbox', { name: 'Title', exact: true }).fill('Episode 12: Bread')
  await editor.getByLabel('Published').fill('2026-01-05T08:00')
  await choose(editor.getByRole('combobox', { name: 'Episode audio' }), 'episode-12')
  const add = (name: string) => editor.getByRole('button', { name: `+ ${name}`, exact: true }).click()
  await add('Heading')
  await editor.getByRole('textbox', { name: 'Heading of block 1' }).fill('Show notes')
  await add('Text')
  await editor
    .getByRole('textbox', { name: 'Text of block 2 (Markdown)' })
    .fill('We bake **bread**. <b>not bold</b>')
  await add('Image')
  await choose(editor.getByRole('combobox', { name: 'Image of block 3' }), 'cover-art')
  await add('Gallery')
  const toGallery = editor.getByRole('combobox', { name: 'Add an image to gallery block 4' })
  await choose(toGallery, 'guest-portrait')
  await choose(toGallery, 'cover-art')
  await expect(
    editor.getByRole('list', { name: 'Images of gallery block 4' }).getByRole('listitem'),
  ).toHaveCount(2)
  await add('Audio')
  await add('Video')
  await choose(editor.getByRole('combobox', { name: 'Video of block 6' }), 'studio-teaser')
  // Reorder and remove: the video moves above the (empty) audio block, which is then removed.
  await editor.getByRole('button', { name: 'Move block 6 up' }).click()
  await expect(editor.getByRole('listitem', { name: 'Block 5: Video' })).toBeVisible()
  await editor.getByRole('button', { name: 'Remove block 6' }).click()
  await expect(editor.locator('.block-item')).toHaveCount(5)

  await editor.getByRole('button', { name: 'Preview' }).click()
  const article = editor.getByRole('article', { name: 'Preview of the episode page' })
  // Opened in view: Chromium does not draw a frame of another site out of view.
  await expect(article).toBeInViewport()
  // The published page in a sandboxed frame on the server's other origin: its scripts cannot reach the app.
  const frameElement = article.locator('iframe')
  await expect(frameElement).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin')
  const previewPath = (await frameElement.getAttribute('src')) as string
  expect(previewPath).toMatch(/^http:\/\/localhost:\d+\/preview\/[\w-]+\/episode-12-bread\/index\.html$/)
  expect(await frameElement.evaluate((frame) => (frame as HTMLIFrameElement).contentDocument)).toBeNull()
  const preview = article.frameLocator('iframe')
  await expect(preview.getByRole('heading', { name: 'Episode 12: Bread' })).toBeVisible()
  await expect(preview.locator('strong', { hasText: 'bread' })).toBeVisible()
  await expect(preview.locator('b')).toHaveCount(0)
  await expect(preview.getByText('<b>not bold</b>')).toBeVisible()
  await expect(preview.locator('picture img')).toHaveCount(3)
  await expect(preview.locator('video')).toHaveCount(1)
  // Media come from the preview's own folder, which serves only the files this page uses.
  await expect(preview.locator('video')).toHaveAttribute('poster', /^\.\.\/cast_videos\/poster\//)
  await preview.locator('img').evaluateAll((images) => {
    for (const img of images) (img as HTMLImageElement).loading = 'eager'
  })
  await expect
    .poll(() =>
      preview
        .locator('img')
        .evaluateAll((images) => images.every((img) => (img as HTMLImageElement).naturalWidth > 0)),
    )
    .toBe(true)
  // The real Podlove Web Player, inside the preview: its chapter list names the audio's chapters.
  const player = preview.frameLocator('podlove-player iframe')
  await expect(player.locator('[data-test=tab-chapters--entry]')).toHaveCount(2, { timeout: 30_000 })
  await expect(player.locator('[data-test=tab-chapters--entry]').first()).toContainText('Intro')
  await expect(player.locator('[data-test=tab-chapters--entry]').nth(1)).toContainText('Main topic')
  await expect(player.getByText('Kitchen Radio', { exact: true }).filter({ visible: true })).toBeVisible()
  await expect(player.getByText('episode-12', { exact: true }).filter({ visible: true })).toBeVisible()
  // The podcast's cover as the player's poster.
  const poster = player.locator('[data-test=poster] img').filter({ visible: true })
  await expect
    .poll(() =>
      poster.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
    )
    .toBeGreaterThan(0)
  await expect(player.locator('[data-test=poster] .fade-leave-active')).toHaveCount(0)
  await page.screenshot({ path: join(SHOTS, '10-episode-editor.png') })
  await article.screenshot({ path: join(SHOTS, '11-episode-preview.png') })
  // Its transcript tab shows the cues with their speakers.
  await clickAfterScroll(page, player.locator('[data-test=tab-trigger--transcripts]'))
  await expect(player.getByText('Today we bake bread.')).toBeVisible()
  await expect(player.getByText('Ben', { exact: true }).first()).toBeVisible()
  // The player re-renders its cue list while it settles: scrolled again until a cue holds still.
  await expect(async () => {
    await player.getByText('Today we bake bread.').scrollIntoViewIfNeeded({ timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  await article.screenshot({ path: join(SHOTS, '11-episode-preview-transcript.png') })
  // The preview's address is the capability: an unknown one, or a file the page does not use, is 404.
  const forged = previewPath.replace(/\/preview\/[\w-]+\//, '/preview/not-a-token/')
  expect((await page.request.get(forged)).status()).toBe(404)
  const folder = previewPath.replace(/episode-12-bread\/index\.html$/, '')
  expect((await page.request.get(`${folder}castdesk.sqlite`)).status()).toBe(404)

  const publish = page.getByRole('region', { name: 'Publish' })
  // Below the preview's frame: a click right after the scroll would go to that frame.
  await clickAfterScroll(page, publish.getByRole('button', { name: 'Plan' }))
  const result = publish.getByRole('definition').first()
  await expect(publish.getByText(/to add, 0 changed, 0 unchanged/)).toBeVisible()
  await publish.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(publish.getByText(/^\d+ files .* to "site"/)).toBeVisible({ timeout: 30_000 })
  await expect(result).toContainText('1 episodes')
  await publish.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(publish.getByText(/^0 files \(0 bytes\) to "site"/)).toBeVisible({ timeout: 30_000 })
  await page.screenshot({ path: join(SHOTS, '12-publish.png') })
  const site = process.env.CASTDESK_E2E_SITE as string
  expect(existsSync(join(site, 'episode-12-bread', 'index.html'))).toBe(true)
  expect(existsSync(join(site, 'feed', 'podcast', 'mp3', 'rss.xml'))).toBe(true)

  const axePath = createRequire(__filename).resolve('axe-core/axe.min.js')
  await page.addScriptTag({ path: axePath })
  const axe = await page.evaluate(async () => {
    const run = (
      window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe
    return run.run()
  })
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([])
})

test('an item’s detail shows the episodes that use it', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('media-card').filter({ hasText: 'cover-art' }).first().click()
  const usedIn = page.getByRole('region', { name: 'Used in' })
  await expect(usedIn).toContainText('Episode 12: Bread')
  await expect(usedIn).toContainText('(gallery, image)')
  await page.screenshot({ path: join(SHOTS, '13-used-in.png') })
})

/** Chooses the first option whose label ("#id title") has `title`. */
async function choose(select: Locator, title: string): Promise<void> {
  const label = await select.locator('option', { hasText: title }).first().textContent()
  await select.selectOption({ label: label ?? title })
}
