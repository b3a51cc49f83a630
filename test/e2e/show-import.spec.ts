import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg'
import { expect, test } from '@playwright/test'
import type { EpisodeSummary } from '../../src/shared/api/podcasts.api'
import type { MediaItem } from '../../src/shared/media'
import { castdeskJson, fixtures, SHOTS } from './helpers'

test.describe.configure({ mode: 'serial' })

let server: Server
let origin = ''
/** The second show of the host: two more episodes, their audio sent very slowly until `slow` is false. */
let more = false
let slow = true

/** A podcast host on 127.0.0.1: a feed with two episodes, Podlove and Podcasting 2.0 chapters. */
test.beforeAll(async () => {
  const dir = fixtures()
  for (const [name, frequency] of [
    ['host-ep1.mp3', 520],
    ['host-ep2.mp3', 610],
    ['host-ep3.mp3', 700],
    ['host-ep4.mp3', 790],
  ] as const) {
    execFileSync(ffmpegInstaller.path, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=4`],
      ...['-c:a', 'libmp3lame', '-b:a', '64k', join(dir, name)],
    ])
  }
  const files: Record<string, [string, string]> = {
    '/media/ep1.mp3': [join(dir, 'host-ep1.mp3'), 'audio/mpeg'],
    '/media/ep2.mp3': [join(dir, 'host-ep2.mp3'), 'audio/mpeg'],
    '/media/portrait.jpg': [join(dir, 'guest-portrait.jpg'), 'image/jpeg'],
  }
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    if (path === '/feed.xml')
      return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed())
    if (path === '/media/ep2-chapters.json') {
      const chapters = {
        version: '1.2.0',
        chapters: [
          { startTime: 0, title: 'Welcome' },
          { startTime: 2, title: 'Rye starter' },
        ],
      }
      return void response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(chapters))
    }
    const late = /^\/media\/ep([34])\.mp3$/.exec(path)
    if (late && slow) {
      // A slow host: a little of the file every 100 ms, until the import is cancelled.
      const data = readFileSync(join(dir, `host-ep${late[1]}.mp3`))
      response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(data.length) })
      let sent = 0
      const timer = setInterval(() => {
        if (response.destroyed || sent >= data.length) return clearInterval(timer)
        response.write(data.subarray(sent, sent + 32))
        sent += 32
      }, 100)
      response.on('close', () => clearInterval(timer))
      return
    }
    if (late)
      return void response
        .writeHead(200, { 'content-type': 'audio/mpeg' })
        .end(readFileSync(join(dir, `host-ep${late[1]}.mp3`)))
    const file = files[path]
    if (!file) return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

test.afterAll(() => server.close())

function feed(): string {
  const size = (name: string) => statSync(join(fixtures(), name)).size
  return `<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:psc="http://podlove.org/simple-chapters">
<channel><title>Kitchen Radio</title><language>en</language>
<podcast:person role="host" href="https://example.org/ana">Ana Baker</podcast:person>
<podcast:funding url="https://example.org/support">Support the show</podcast:funding>
${more ? laterItems() : ''}
<item><title>Old host: Starter</title><guid isPermaLink="false">oldhost-001</guid><pubDate>Mon, 02 Feb 2026 07:00:00 +0000</pubDate>
  <enclosure url="${origin}/media/ep1.mp3" length="${size('host-ep1.mp3')}" type="audio/mpeg"/>
  <content:encoded><![CDATA[<p>Our <strong>starter</strong> story.</p><img src="${origin}/media/portrait.jpg" alt="Ana"><script>alert(1)</script>]]></content:encoded>
  <psc:chapters version="1.2"><psc:chapter start="00:00:00" title="Hello"/><psc:chapter start="00:00:01.500" title="Feeding"/></psc:chapters>
</item>
<item><title>Old host: Rye</title><guid isPermaLink="false">oldhost-002</guid><pubDate>Mon, 09 Feb 2026 07:00:00 +0000</pubDate>
  <enclosure url="${origin}/media/ep2.mp3" length="${size('host-ep2.mp3')}" type="audio/mpeg"/>
  <podcast:chapters url="${origin}/media/ep2-chapters.json" type="application/json+chapters"/>
  <podcast:person role="guest">Chef Carla</podcast:person>
</item>
</channel></rss>`
}

function laterItems(): string {
  const size = (name: string) => statSync(join(fixtures(), name)).size
  return [3, 4]
    .map(
      (n) => `<item><title>Old host: Spelt ${n}</title><guid isPermaLink="false">oldhost-00${n}</guid>
  <pubDate>Mon, ${n + 13} Feb 2026 07:00:00 +0000</pubDate>
  <enclosure url="${origin}/media/ep${n}.mp3" length="${size(`host-ep${n}.mp3`)}" type="audio/mpeg"/></item>`,
    )
    .join('\n')
}

test('a show is brought in from its feed: plan, import, episodes with their chapters', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Episodes', exact: true }).click()
  // With a podcast already (publishing.spec.ts made "Kitchen Radio"), the panel opens from a button;
  // without one it sits below "Create your podcast".
  const open = page.getByRole('button', { name: 'Bring your show…' })
  const panel = page.getByRole('region', { name: 'Bring your show' })
  await expect(open.or(panel)).toBeVisible()
  if (await open.isVisible()) await open.click()
  await panel.getByRole('textbox', { name: 'Feed address' }).fill(`${origin}/feed.xml`)
  await panel.getByRole('button', { name: 'Show the plan' }).click()
  const plan = panel.getByRole('region', { name: 'Import plan' })
  await expect(plan.getByRole('row', { name: /Old host: Rye .* new/ })).toBeVisible()
  await expect(plan.getByRole('row', { name: /Old host: Starter .* new/ })).toBeVisible()
  await page.screenshot({ path: join(SHOTS, '20-feed-import-plan.png') })
  expect(castdeskJson<EpisodeSummary[]>('episode', 'list').some((e) => e.guid.startsWith('oldhost'))).toBe(
    false,
  )

  await panel.getByRole('button', { name: 'Import', exact: true }).click()
  const result = panel.getByRole('region', { name: 'Import result' })
  await expect(result.getByRole('row', { name: /Old host: Rye .* done/ })).toBeVisible({ timeout: 30_000 })
  await expect(result.getByRole('row', { name: /Old host: Starter .* done/ })).toBeVisible()
  const list = page.getByRole('navigation', { name: 'Episodes' })
  await expect(list.getByRole('button', { name: /Old host: Rye/ })).toBeVisible()
  await page.screenshot({ path: join(SHOTS, '21-feed-import-done.png') })

  const episodes = castdeskJson<EpisodeSummary[]>('episode', 'list')
  const chapters = (guid: string) => {
    const audio = episodes.find((e) => e.guid === guid)?.audio
    const item = castdeskJson<MediaItem>('show', String(audio))
    return item.type === 'audio' ? item.chapters.map((c) => c.title) : []
  }
  expect(chapters('oldhost-001')).toEqual(['Hello', 'Feeding'])
  expect(chapters('oldhost-002')).toEqual(['Welcome', 'Rye starter'])
  await list.getByRole('button', { name: /Old host: Starter/ }).click()
  await expect(page.getByRole('region', { name: 'Episode editor' })).toBeVisible()
  await page.screenshot({ path: join(SHOTS, '22-imported-episode.png') })

  // The podcast form: Apple's categories to choose from, a description of several lines.
  await page.getByRole('button', { name: 'Podcast settings' }).click()
  const form = page.getByRole('form', { name: 'Podcast' })
  await form.getByRole('combobox', { name: 'Category' }).selectOption('Arts > Food')
  await form.getByRole('textbox', { name: 'Description' }).fill('Bread, slowly.\n\nA show about baking.')
  // The feed's host and funding link came along and can be edited here.
  const hosts = form.getByRole('group', { name: 'Hosts' })
  await expect(hosts.getByRole('textbox', { name: 'Name' })).toHaveValue('Ana Baker')
  await expect(form.getByRole('textbox', { name: 'Funding URL' })).toHaveValue('https://example.org/support')
  await hosts.getByRole('button', { name: 'Add a host' }).click()
  await hosts.getByRole('textbox', { name: 'Name' }).nth(1).fill('Ben')
  await hosts.getByRole('combobox', { name: 'Role' }).nth(1).selectOption('co-host')
  await page.screenshot({ path: join(SHOTS, '23-podcast-form.png') })
  await form.getByRole('button', { name: 'Save podcast' }).click()
  await expect(page.getByRole('button', { name: 'Bring your show…' })).toBeVisible()
  expect(castdeskJson<{ category: string; description: string }>('podcast', 'show')).toMatchObject({
    category: 'Arts > Food',
    description: 'Bread, slowly.\n\nA show about baking.',
    persons: [
      { name: 'Ana Baker', role: 'host', group: 'cast', img: '', href: 'https://example.org/ana' },
      { name: 'Ben', role: 'co-host', group: 'cast', img: '', href: '' },
    ],
    funding: [{ url: 'https://example.org/support', text: 'Support the show' }],
  })
  const rye = castdeskJson<EpisodeSummary[]>('episode', 'list').find((e) => e.guid === 'oldhost-002')
  expect(rye?.persons.map((p) => [p.name, p.role])).toEqual([['Chef Carla', 'guest']])
})

test('a running import is cancelled from its progress: finished episodes stay, the next import resumes', async ({
  page,
}) => {
  more = true
  slow = true
  await page.goto('/')
  await page.getByRole('button', { name: 'Episodes', exact: true }).click()
  await page.getByRole('button', { name: 'Bring your show…' }).click()
  const panel = page.getByRole('region', { name: 'Bring your show' })
  await panel.getByRole('textbox', { name: 'Feed address' }).fill(`${origin}/feed.xml`)
  await panel.getByRole('button', { name: 'Show the plan' }).click()
  const plan = panel.getByRole('region', { name: 'Import plan' })
  await expect(plan.getByRole('row', { name: /Old host: Spelt 3 .* new/ })).toBeVisible()
  await panel.getByRole('button', { name: 'Import', exact: true }).click()
  // The progress screen: the two unchanged episodes are done, the slow ones are downloading.
  await expect(panel.getByRole('progressbar', { name: 'Import progress' })).toBeVisible()
  await expect(panel.getByText(/2\/4 episodes/)).toBeVisible({ timeout: 30_000 })
  await page.screenshot({ path: join(SHOTS, '24-feed-import-progress.png') })
  await panel.getByRole('button', { name: 'Cancel' }).click()
  const result = panel.getByRole('region', { name: 'Import result' })
  await expect(result.getByRole('status')).toContainText('Import cancelled: 2 of 4 episodes are in')
  await expect(result.getByRole('row', { name: /Old host: Spelt 3 .* cancelled/ })).toBeVisible()
  await page.screenshot({ path: join(SHOTS, '25-feed-import-cancelled.png') })
  const drafts = castdeskJson<EpisodeSummary[]>('episode', 'list').filter((e) =>
    e.guid.startsWith('oldhost-00'),
  )
  expect(
    drafts
      .filter((e) => e.published === null)
      .map((e) => e.guid)
      .sort(),
  ).toEqual(['oldhost-003', 'oldhost-004'])
  expect(drafts.filter((e) => e.audio !== null)).toHaveLength(2)

  slow = false
  await panel.getByRole('button', { name: 'Show the plan' }).click()
  await expect(plan.getByRole('row', { name: /Old host: Spelt 3 .* to finish/ })).toBeVisible()
  await panel.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(result.getByRole('row', { name: /Old host: Spelt 4 .* done/ })).toBeVisible({
    timeout: 30_000,
  })
  await expect(result.getByRole('row', { name: /Old host: Starter .* done/ })).toBeVisible()
  expect(
    castdeskJson<EpisodeSummary[]>('episode', 'list').filter(
      (e) => e.guid.startsWith('oldhost-00') && e.published,
    ),
  ).toHaveLength(4)
})
