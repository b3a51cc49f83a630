import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { seriousAxeViolations } from './axe'
import { SHOTS } from './helpers'

test.describe.configure({ mode: 'serial' })

test('Storage & sync backs the library up to the backup storage and lists the verified snapshot', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Storage & sync', exact: true }).click()
  const panel = page.getByRole('region', { name: 'Library backups' })
  await expect(panel.getByText('No backup storage')).toBeVisible()

  // A folder storage named "backup", added in Settings, is used at once.
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByRole('textbox', { name: 'New storage name' }).fill('backup')
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('local')
  await page.getByRole('button', { name: 'Add storage' }).click()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('✓ Saved.')).toBeVisible()

  await page.getByRole('button', { name: 'Storage & sync', exact: true }).click()
  await expect(panel.getByText('no verified snapshot yet')).toBeVisible()
  await panel.getByRole('button', { name: 'Back up library now' }).click()
  await expect(panel.getByRole('status')).toContainText(/backup: snapshot \d{8}T\d{6}Z-[0-9a-f]{12} verified/)
  await expect(panel.getByText(/last snapshot .*, verified/)).toBeVisible()
  await panel
    .getByRole('strong')
    .filter({ hasText: /^backup$/ })
    .click()
  await expect(
    panel.getByRole('table', { name: 'Snapshots in backup' }).getByText('✓ verified'),
  ).toBeVisible()
  await panel.screenshot({ path: join(SHOTS, '20-library-backups.png') })
  expect(await seriousAxeViolations(page)).toEqual([])

  const area = join(String(process.env.CASTDESK_E2E_LIBRARY), 'backup', 'castdesk-library')
  expect(existsSync(area)).toBe(true)
  expect(readdirSync(area).filter((name) => name.endsWith('.sqlite.gz'))).toHaveLength(1)

  // The other specs expect the storages they set up; the snapshots stay in the folder.
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByRole('button', { name: 'Remove backup' }).click()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('✓ Saved.')).toBeVisible()
})
