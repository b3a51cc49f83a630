import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg'
import { expect, test } from '@playwright/test'
import { dropFiles, fixtures, SHOTS } from './helpers'

test('a dropped WAV master is encoded to MP3 and M4A from the audio detail', async ({ page }) => {
  test.setTimeout(120_000)
  execFileSync(ffmpegInstaller.path, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i'],
    'anoisesrc=color=pink:amplitude=0.05:sample_rate=48000,tremolo=f=3.5:d=0.9,lowpass=f=5000',
    ...['-t', '8', '-ac', '2', '-c:a', 'pcm_s24le', join(fixtures(), 'studio-master.wav')],
  ])
  await page.goto('/')
  await dropFiles(page, ['studio-master.wav'])
  await expect(page.locator('.import-row.status-imported').filter({ hasText: 'studio-master' })).toHaveCount(
    1,
    {
      timeout: 30_000,
    },
  )
  const card = page.getByTestId('media-card').filter({ hasText: 'studio-master' })
  await card.click()
  const master = page.locator('tr[data-format="master"]')
  await expect(master).toContainText('Master (WAV)')
  await expect(master).toContainText('48 kHz')
  // The loudness job measures the master in the background; the detail shows it off the target band.
  await expect(master.locator('.loudness')).toHaveAttribute('data-on-target', 'false', { timeout: 30_000 })
  await page.getByRole('combobox', { name: 'Show' }).selectOption('loudness-off')
  await expect(card).toHaveCount(1)
  await page.getByRole('combobox', { name: 'Show' }).selectOption('all')
  await card.click()
  await page.getByRole('button', { name: 'Encode episode files…' }).click()
  await expect(page.getByRole('checkbox', { name: 'MP3' })).toBeChecked()
  await expect(page.getByRole('checkbox', { name: 'M4A' })).toBeChecked()
  await page.screenshot({ path: join(SHOTS, '30-encode-form.png') })
  await page.getByRole('button', { name: 'Encode', exact: true }).click()
  await expect(page.getByText('Episode files encoded and checked.')).toBeVisible({ timeout: 90_000 })
  await expect(page.locator('tr[data-format="mp3"]')).toBeVisible({ timeout: 15_000 })
  await expect(page.locator('tr[data-format="m4a"]')).toBeVisible()
  await expect(page.locator('tr[data-format="mp3"] .loudness')).toHaveAttribute('data-on-target', 'true', {
    timeout: 15_000,
  })
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(SHOTS, '31-encoded-files.png') })
})
