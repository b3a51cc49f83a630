import { createRequire } from 'node:module'
import { join } from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { dropFiles, SHOTS } from './helpers'

// Runs after library.spec.ts (files run in name order); on its own it imports the batch itself.
const BATCH = ['cover-art.png', 'guest-portrait.jpg', 'episode-12.mp3', 'studio-teaser.mp4', 'show-notes.txt']

test.use({ colorScheme: 'dark' })

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(__filename).resolve('axe-core/axe.min.js') })
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
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

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
