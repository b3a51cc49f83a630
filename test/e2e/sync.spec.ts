import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { expect, type Page, test } from '@playwright/test'
import { seriousAxeViolations } from './axe'
import { fixtures, SHOTS } from './helpers'
import { E2E_BUCKET, E2E_STORAGE } from './s3rver'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
test.describe.configure({ mode: 'serial' })

const BIG = 'raw-interview-session.zip'
const BIG_BYTES = 40 * 1024 * 1024

function s3(): S3Client {
  return new S3Client({
    endpoint: String(process.env.CASTDESK_E2E_S3_ENDPOINT),
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  })
}

/** The media objects of the bucket (its storage marker, written when the storage was added, left out). */
async function bucketKeys(client: S3Client): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: E2E_BUCKET }))
  return (page.Contents ?? [])
    .map((o) => o.Key as string)
    .filter((key) => key !== '.castdesk-storage.json')
    .sort()
}

function savedConfig(): { avifEffort: number; storages: Record<string, { type: string }> } {
  return JSON.parse(
    readFileSync(join(String(process.env.CASTDESK_E2E_LIBRARY), 'castdesk.config.json'), 'utf8'),
  )
}

/** Uploads a file through the REST API with the page's session (a write from the app's own origin). */
async function upload(page: Page, name: string, field: string, route: string): Promise<void> {
  const response = await page.request.post(route, {
    headers: { Origin: new URL(page.url()).origin },
    multipart: {
      [field]: { name, mimeType: 'application/octet-stream', buffer: readFileSync(join(fixtures(), name)) },
    },
  })
  expect([201, 409]).toContain(response.status())
}

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('button', { name: screen, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible()
}

test('an S3 storage set up in Settings is synced: the plan, a progress bar, done, objects in the bucket', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.goto('/')
  writeFileSync(join(fixtures(), BIG), randomBytes(BIG_BYTES))
  await upload(page, 'cover-art.png', 'file', '/api/images/')
  await upload(page, 'episode-12.mp3', 'mp3', '/api/audios/')
  await upload(page, BIG, 'file', '/api/files/')

  await open(page, 'Settings')
  await page.getByRole('textbox', { name: 'New storage name' }).fill(E2E_STORAGE)
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('s3')
  await page.getByRole('button', { name: 'Add storage' }).click()
  const s3Box = page.getByTestId('storage-edit').filter({ hasText: E2E_STORAGE })
  await s3Box.getByRole('textbox', { name: 'Bucket', exact: true }).fill(E2E_BUCKET)
  await s3Box.getByRole('textbox', { name: /^Endpoint/ }).fill(String(process.env.CASTDESK_E2E_S3_ENDPOINT))
  await s3Box.getByRole('checkbox', { name: 'Path-style addresses' }).check()
  await expect(s3Box.getByText('CASTDESK_S3_PRODUCTION_SECRET_ACCESS_KEY')).toBeVisible()
  await s3Box.screenshot({ path: join(SHOTS, '09-settings-s3-storage.png') })
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('✓ Saved.')).toBeVisible()
  expect(savedConfig().storages[E2E_STORAGE]?.type).toBe('s3')

  // Saving the new storage set it up (storages init): its marker is in the bucket.
  const marked = await s3().send(new ListObjectsV2Command({ Bucket: E2E_BUCKET }))
  expect((marked.Contents ?? []).map((o) => o.Key)).toContain('.castdesk-storage.json')

  await open(page, 'Storage & sync')
  await expect(page.getByRole('list', { name: 'Storages' }).getByText(`s3://${E2E_BUCKET}/`)).toBeVisible()
  await expect(page.getByTestId('census-default')).toHaveText(/^default: (\d+) of \1 files present$/)
  await page.getByRole('button', { name: 'Review changes (dry run)' }).click()
  const plan = page.getByTestId('sync-plan')
  await expect(plan).toBeVisible()
  const added = plan.locator('.plan-add')
  await expect(added.locator('summary')).toContainText(/New: \d+ files/)
  await expect(added.getByRole('row').filter({ hasText: BIG })).toContainText('40.0 MiB')
  const planned = Number(/New: (\d+) files/.exec((await added.locator('summary').textContent()) ?? '')?.[1])
  expect(planned).toBeGreaterThanOrEqual(3)
  await page.screenshot({ path: join(SHOTS, '10-sync-plan.png') })
  expect(await seriousAxeViolations(page)).toEqual([])

  await page.getByRole('button', { name: 'Sync now' }).click()
  const bar = page.getByRole('progressbar', { name: 'Sync progress' })
  await expect(bar).toBeVisible()
  // Live numbers from the progress events while the bytes move (rate and time left come only from them).
  await expect(page.getByTestId('sync-facts')).toContainText(/\/s/, { timeout: 30_000 })
  await page.screenshot({ path: join(SHOTS, '11-sync-progress.png') })
  await expect(page.getByTestId('sync-done')).toContainText(`✓ Done: ${planned} files copied`, {
    timeout: 60_000,
  })
  await expect(page.locator('.bar-percent')).toHaveText('100%')
  await page.screenshot({ path: join(SHOTS, '12-sync-done.png') })

  const client = s3()
  const keys = await bucketKeys(client)
  expect(keys.length).toBe(planned)
  const bigKey = keys.find((k) => k.startsWith('cast_files/') && k.endsWith('.zip')) as string
  expect(bigKey).toBeTruthy()
  const head = await client.send(new HeadObjectCommand({ Bucket: E2E_BUCKET, Key: bigKey }))
  expect(head.ContentLength).toBe(BIG_BYTES)
  expect(keys.some((k) => k.startsWith('original_images/'))).toBe(true)
  expect(keys.some((k) => k.startsWith('cast_audio/'))).toBe(true)

  // Space by type and user; a file no item uses is found as stale and deleted after a confirmation.
  await client.send(
    new PutObjectCommand({
      Bucket: E2E_BUCKET,
      Key: 'cast_audio/old-draft-episode.mp3',
      Body: randomBytes(2048),
    }),
  )
  // Left there a day ago: a file written after the catalog's last change is never called stale.
  const dayAgo = new Date(Date.now() - 86_400_000)
  const object = join(
    String(process.env.CASTDESK_E2E_S3_DIR),
    E2E_BUCKET,
    'cast_audio',
    'old-draft-episode.mp3._S3rver_object',
  )
  utimesSync(object, dayAgo, dayAgo)
  await page.getByRole('combobox', { name: 'Storage to measure' }).selectOption(E2E_STORAGE)
  await expect(page.getByRole('figure').filter({ hasText: 'By type' }).getByRole('row')).toHaveCount(4)
  await page.getByRole('button', { name: 'Find stale files' }).click()
  await expect(page.getByText('cast_audio/old-draft-episode.mp3')).toBeVisible()
  await page.getByRole('button', { name: 'Delete 1 file…' }).click()
  await expect(page.getByRole('alertdialog')).toContainText('They go into its quarantine')
  await page.getByRole('heading', { name: 'Space used' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SHOTS, '13-space-and-stale.png') })
  await page.getByRole('button', { name: 'Delete for good' }).click()
  await expect(page.getByText('✓ Moved 1 file')).toBeVisible()
  expect(await bucketKeys(client)).not.toContain('cast_audio/old-draft-episode.mp3')
  expect(await seriousAxeViolations(page)).toEqual([])
  client.destroy()
})

test('a settings change the schema refuses is shown inline and not saved; a valid one is', async ({
  page,
}) => {
  await page.goto('/')
  await open(page, 'Settings')
  const effort = page.getByRole('spinbutton', { name: 'AVIF effort' })
  const before = savedConfig().avifEffort
  await effort.fill('12')
  await expect(page.getByText('Too big: expected number to be <=9')).toBeVisible()
  await expect(effort).toHaveAttribute('aria-invalid', 'true')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Nothing was saved: fix the marked field.')).toBeVisible()
  expect(savedConfig().avifEffort).toBe(before)
  await page.getByRole('heading', { name: 'Images' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SHOTS, '14-settings-invalid.png') })
  expect(await seriousAxeViolations(page)).toEqual([])

  await effort.fill('5')
  await expect(page.getByTestId('field-error')).toHaveCount(0)
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(
    page.getByText(/✓ Saved\. Changes to AVIF effort take effect when Castdesk restarts\./),
  ).toBeVisible()
  expect(savedConfig().avifEffort).toBe(5)
  await page.screenshot({ path: join(SHOTS, '15-settings-saved.png') })

  await page.getByRole('textbox', { name: 'New user' }).fill('guest-host')
  await page.getByRole('button', { name: 'Add user' }).click()
  await expect(page.getByRole('listitem').filter({ hasText: 'guest-host' })).toBeVisible()

  // Put it back for the other specs.
  await effort.fill(String(before))
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('✓ Saved.')).toBeVisible()
})

test('a media restore shows its plan and copies nothing until it is confirmed', async ({ page }) => {
  test.setTimeout(90_000)
  const backupDir = join(String(process.env.CASTDESK_E2E_LIBRARY), '..', 'media-backup')
  const lost = 'cast_audio/lost-episode.mp3'
  mkdirSync(join(backupDir, 'cast_audio'), { recursive: true })
  writeFileSync(join(backupDir, lost), randomBytes(3000))
  await page.goto('/')
  await open(page, 'Settings')
  await page.getByRole('textbox', { name: 'New storage name' }).fill('backup')
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('local')
  await page.getByRole('button', { name: 'Add storage' }).click()
  const box = page.getByTestId('storage-edit').filter({ hasText: 'backup' })
  await box.getByRole('textbox', { name: 'Folder', exact: true }).fill(backupDir)
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('✓ Saved.')).toBeVisible()

  await open(page, 'Storage & sync')
  const panel = page.getByRole('region', { name: 'Restore media from backup' })
  await panel.getByRole('button', { name: 'Review restore (dry run)' }).click()
  const plan = panel.getByTestId('restore-plan')
  await expect(plan.locator('.plan-add summary')).toContainText('New: 1 file')
  await expect(plan.getByRole('row').filter({ hasText: 'lost-episode.mp3' })).toContainText('2.9 KiB')
  await expect(plan).not.toContainText('Tick “Also remove files')
  const client = s3()
  expect(await bucketKeys(client)).not.toContain(lost)

  await panel.getByRole('button', { name: 'Restore 1 file…' }).click()
  const dialog = panel.getByRole('alertdialog')
  await expect(dialog).toContainText('Copy 1 file (2.9 KiB) from backup into production?')
  await dialog.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SHOTS, '16-restore-confirm.png') })
  expect(await seriousAxeViolations(page)).toEqual([])
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(panel.getByRole('alertdialog')).toHaveCount(0)
  expect(await bucketKeys(client)).not.toContain(lost)

  await panel.getByRole('button', { name: 'Restore 1 file…' }).click()
  await panel.getByRole('button', { name: 'Restore now' }).click()
  await expect(panel.getByTestId('restore-done')).toContainText('✓ Restored 1 file')
  await page.screenshot({ path: join(SHOTS, '17-restore-done.png') })
  expect(await bucketKeys(client)).toContain(lost)
  client.destroy()
})

test('a default storage that is not connected shows a banner with Retry; the library stays browsable', async ({
  page,
}) => {
  const media = join(String(process.env.CASTDESK_E2E_LIBRARY), 'media')
  renameSync(media, `${media}-unplugged`)
  try {
    await page.goto('/')
    const banner = page.getByTestId('storage-banner')
    await expect(banner).toContainText('Storage default is not connected')
    await expect(banner).toContainText('is the disk connected?')
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible()
    await page.screenshot({ path: join(SHOTS, '18-storage-not-connected.png') })
    expect(existsSync(media)).toBe(false)
    expect(await seriousAxeViolations(page)).toEqual([])
  } finally {
    renameSync(`${media}-unplugged`, media)
  }
  await page.getByTestId('storage-banner').getByRole('button', { name: 'Retry' }).click()
  await expect(page.getByTestId('storage-banner')).toHaveCount(0)
})
