import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { seriousAxeViolations } from './axe'
import { dropFiles, SHOTS } from './helpers'

// Runs after library.spec.ts (files run in name order); on its own it imports the batch itself.
const BATCH = ['cover-art.png', 'guest-portrait.jpg', 'episode-12.mp3', 'studio-teaser.mp4', 'show-notes.txt']

test.use({ colorScheme: 'dark' })

test('the library follows a dark OS theme, readable and with no serious axe findings', async ({ page }) => {
  await page.goto('/')
  const cards = page.getByTestId('media-card')
  await expect(cards.first().or(page.getByText('Your library is empty'))).toBeVisible()
  if ((await cards.count()) === 0) {
    await dropFiles(page, BATCH)
    await expect(page.locator('.import-row.status-imported')).toHaveCount(BATCH.length, { timeout: 30_000 })
    await page.getByRole('button', { name: 'Close' }).click()
  }
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(background).toBe('rgb(23, 22, 26)')

  await cards.filter({ hasText: 'episode-12' }).first().click()
  await expect(page.getByTestId('chapter-row').first()).toBeVisible()
  await expect(page.locator('.wave-wait')).toHaveCount(0, { timeout: 30_000 })
  await expect(cards.locator('img').first()).toBeVisible()
  await page.waitForTimeout(800)
  expect(await seriousAxeViolations(page)).toEqual([])
  await page.screenshot({ path: join(SHOTS, '20-dark-library.png') })

  await cards.filter({ hasText: 'cover-art' }).first().click()
  await expect(page.getByTestId('focal-frame').locator('img')).toBeVisible()
  await expect(page.locator('.picture-preview img')).toBeVisible()
  expect(await seriousAxeViolations(page)).toEqual([])
  await page.screenshot({ path: join(SHOTS, '21-dark-image-detail.png') })

  await dropFiles(page, ['cover-art.png'])
  await expect(page.locator('.import-row.status-duplicate').first()).toBeVisible()
  expect(await seriousAxeViolations(page)).toEqual([])
  await page.screenshot({ path: join(SHOTS, '22-dark-import.png') })
})
