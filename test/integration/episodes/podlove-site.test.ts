import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from 'playwright-core'
import { parseFeed } from 'podcast-partytime'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EpisodeInfo, PublishReport } from '../../../src/shared/api/podcasts.api'
import type { MediaItem } from '../../../src/shared/media'
import { makeDir, makeImage, makeVideo } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { makeChapteredAudio } from '../audio/audio-fixtures'
import { cli, cliJson } from '../storage/support/cli-async'
import { serveFolder } from './support/site-server'

/** The page's globals as the callbacks below use them (the engine's tsconfig has no DOM types). */
declare const window: {
  castdeskPlayers?: Promise<Array<PlayerStore | null>>
  playerStore?: PlayerStore | null
}
declare const document: {
  body: { innerText: string } | null
  querySelector(selector: string): { hidden: boolean; readyState: number } | null
  querySelectorAll(selector: string): ArrayLike<unknown>
}
interface PlayerStore {
  getState(): { timepiece: { playtime: number; duration: number } }
}

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
]
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-results', 'screenshots')
const TITLE = 'Sourdough <script>alert(1)</script>'
const CHAPTERS = [
  { startTime: 0, title: 'Hello and welcome' },
  { startTime: 10.5, title: 'Feeding the starter', url: 'https://example.org/starter' },
  { startTime: 24.25, title: 'Baking day' },
]
const VTT = `WEBVTT

00:00:01.200 --> 00:00:04.050
<v Ana>Welcome back to the kitchen.

00:00:04.300 --> 00:00:06.000
<v Ben>Thanks for having me!
`

/** A cover a listener can look at: the show's name on a warm colour. */
async function makeCover(path: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="1400">
<rect width="1400" height="1400" fill="#c8553d"/><circle cx="700" cy="640" r="360" fill="#f3e9dc"/>
<text x="700" y="1200" font-family="sans-serif" font-size="150" font-weight="bold" fill="#f3e9dc" text-anchor="middle">Kitchen Radio</text></svg>`
  await sharp(Buffer.from(svg)).jpeg().toFile(path)
}

/**
 * Acceptance of "a published site a listener can use": a podcast published through the real CLI
 * into a folder, served from 127.0.0.1 by a server that serves only that folder, opened in real
 * Chromium: the self-hosted Podlove Web Player (in its iframe) shows the title, the chapters and
 * the transcript, plays, seeks to a chapter, and nothing is requested from anywhere else, under
 * the page's own Content-Security-Policy. The feed, read by podcast-partytime, carries the show
 * notes with images that are files of the site, season and episode, persons and chapters.
 */
describe('a published site with the self-hosted Podlove Web Player', () => {
  const root = tempDir('castdesk-podlove-site-')
  const files = makeDir(root, 'files')
  const library = join(root, 'lib')
  const site = makeDir(root, 'site')
  const env = { CASTDESK_LIBRARY: library, CASTDESK_USER: 'ana' }
  const run = (args: string[]) => cli(args, env)
  const json = async <T>(args: string[]): Promise<T> => {
    const result = await cliJson<T>(args, env)
    if (result.code !== 0) throw new Error(`castdesk ${args.join(' ')} failed: ${result.stderr}`)
    return result.json
  }
  let server: Server
  let origin = ''
  let baseUrl = ''
  let episode: EpisodeInfo
  let dryRun: PublishReport
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let frame: Frame
  const requests: string[] = []
  const cspErrors: string[] = []

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium.`)
    ;({ server, origin } = await serveFolder(site))
    baseUrl = `${origin}/`
    expect((await run(['init'])).code).toBe(0)
    writeFileSync(
      join(library, 'castdesk.config.json'),
      JSON.stringify({
        avifEffort: 0,
        storages: {
          default: { type: 'local', location: 'media' },
          folder: { type: 'local', location: site },
        },
      }),
    )
    expect((await run(['storages', 'init', 'folder'])).code).toBe(0)
    makeChapteredAudio(join(files, 'kr012.mp3'), 'mp3', { seconds: 40, chapters: false })
    makeChapteredAudio(join(files, 'kr012.m4a'), 'm4a', { seconds: 40, chapters: false })
    await makeCover(join(files, 'cover.jpg'))
    await makeImage(join(files, 'loaf.jpg'), 'jpeg', { width: 1600, height: 1000, seed: 2 })
    await makeImage(join(files, 'crumb.jpg'), 'jpeg', { width: 900, height: 600, seed: 3 })
    makeVideo(join(files, 'oven.mp4'), { width: 320, height: 240, seconds: 2 })
    expect((await run(['import', files])).code).toBe(0)
    const items = await json<MediaItem[]>(['list'])
    const id = (title: string) => items.find((item) => item.title === title)?.id as number
    const cover = items.find((item) => item.title === 'cover')
    const coverKey = cover?.type === 'image' ? cover.file.key : ''

    const chapters = join(root, 'chapters.json')
    const withImage = CHAPTERS.map((c, i) => (i === 2 ? { ...c, img: `${baseUrl}${coverKey}` } : c))
    writeFileSync(chapters, JSON.stringify({ version: '1.2.0', chapters: withImage }))
    const vtt = join(root, 'kr012.vtt')
    writeFileSync(vtt, VTT)
    const audio = String(id('kr012'))
    expect((await run(['audio', 'chapters', audio, '--import', chapters])).code).toBe(0)
    expect((await run(['audio', 'transcript', audio, '--import', vtt])).code).toBe(0)
    expect((await run(['audio', 'edit', audio, '--title', 'KR012 Sourdough'])).code).toBe(0)
    await json([
      'podcast',
      'init',
      '--title',
      'Kitchen Radio',
      '--description',
      'Bread, *slowly*.',
      '--language',
      'en',
      '--category',
      'Arts > Food',
      '--author',
      'Ana',
      '--owner-name',
      'Ana Baker',
      '--owner-email',
      'ana@example.org',
      '--cover',
      String(id('cover')),
      '--base-url',
      baseUrl,
    ])
    episode = await json<EpisodeInfo>([
      'episode',
      'add',
      '--title',
      TITLE,
      '--published',
      '2026-01-05T08:00:00Z',
      '--audio',
      audio,
      '--season',
      '2',
      '--number',
      '12',
      '--block',
      'heading:Show notes',
      '--block',
      'text:We feed the **starter** & wait. See [the recipe](https://example.org/recipe).',
      '--block',
      `image:${id('loaf')}`,
      '--block',
      `gallery:${id('loaf')},${id('crumb')}`,
      '--block',
      `video:${id('oven')}`,
    ])
    dryRun = await json<PublishReport>(['publish', '--to', 'folder', '--dry-run'])
    const published = await json<PublishReport>(['publish', '--to', 'folder'])
    expect(published.failures).toEqual([])

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
    context = await browser.newContext({ viewport: { width: 1000, height: 1100 } })
    page = await context.newPage()
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspErrors.push(message.text())
    })
    await page.goto(`${origin}/${episode.slug}/`)
    const started = await page.evaluate(async () => {
      const stores = (await window.castdeskPlayers) ?? []
      window.playerStore = stores[0] ?? null
      return stores.map(Boolean)
    })
    expect(started).toEqual([true])
    frame = (await (await page.waitForSelector('podlove-player iframe')).contentFrame()) as Frame
    await frame.waitForSelector('[data-test=tab-chapters--entry]', { timeout: 30_000 })
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((done) => server?.close(done))
  })

  const playtime = () => page.evaluate(() => window.playerStore?.getState().timepiece.playtime ?? -1)
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a listener sees
  const frameText = () => frame.evaluate(() => document.body?.innerText ?? '')

  it('lists every page and asset with its size in the dry run', async () => {
    const listing = new Map((dryRun.listing ?? []).map((file) => [file.key, file.size]))
    for (const key of [
      'index.html',
      `${episode.slug}/index.html`,
      `${episode.slug}/podlove.json`,
      'feed/podcast/mp3/rss.xml',
      'assets/podlove/config.json',
      'assets/podlove/castdesk-player.js',
      'assets/podlove/5.13.0/embed.js',
      'assets/podlove/5.13.0/5.13.0/player/bootstrap.js',
    ]) {
      expect(listing.get(key), key).toBe(statSync(join(site, key)).size)
    }
    expect([...listing.keys()].some((key) => key.endsWith('.map'))).toBe(false)
    const text = await run(['publish', '--to', 'folder', '--dry-run'])
    expect(text.stdout).toMatch(/^= +\d[\d.]* (B|KiB|MiB) +assets\/podlove\/5\.13\.0\/embed\.js$/m)
  })

  it('shows the episode title and every chapter inside the real player', async () => {
    const text = await frameText()
    expect(text).toContain('KR012 Sourdough')
    expect(text).toContain('Kitchen Radio')
    for (const chapter of CHAPTERS) expect(text).toContain(chapter.title)
  })

  it('shows the transcript in its tab', async () => {
    await frame.click('[data-test=tab-trigger--transcripts]')
    await frame.waitForFunction(
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
      () => document.body?.innerText.includes('Welcome back to the kitchen.'),
      null,
      { timeout: 15_000 },
    )
    expect(await frameText()).toContain('Thanks for having me!')
    await frame.click('[data-test=tab-trigger--chapters]')
    await frame.waitForSelector('[data-test=tab-chapters--entry]')
  })

  it('plays: pressing play advances the current time', async () => {
    await frame.click('[data-test=play-button]')
    await page.waitForFunction(() => (window.playerStore?.getState().timepiece.playtime ?? 0) > 1000, null, {
      timeout: 20_000,
    })
    expect(await playtime()).toBeGreaterThan(1000)
  })

  it('seeks to a chapter’s start when the chapter is clicked', async () => {
    await frame.locator('[data-test=tab-chapters--entry]').nth(2).click()
    await page.waitForFunction(
      () => (window.playerStore?.getState().timepiece.playtime ?? 0) >= 24_250,
      null,
      {
        timeout: 15_000,
      },
    )
    const at = await playtime()
    expect(at).toBeGreaterThanOrEqual(24_250)
    expect(at).toBeLessThan(24_250 + 5000)
    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, 'podlove-site-episode.png'), fullPage: true })
  })

  it('loads everything from the site itself, under the page’s Content-Security-Policy', () => {
    expect(
      requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(url)),
    ).toEqual([])
    expect(requests).toContain(`${origin}/assets/podlove/5.13.0/embed.js`)
    expect(requests.some((url) => url.startsWith(`${origin}/assets/podlove/5.13.0/5.13.0/player/`))).toBe(
      true,
    )
    expect(cspErrors).toEqual([])
    const html = readFileSync(join(site, episode.slug, 'index.html'), 'utf8')
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#x27;self&#x27;/)
    expect(html).not.toContain('unsafe-inline&#x27; &#x27;sha')
  })

  it('without JavaScript, the plain <audio> with every format plays instead', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false })
    const noScript = await plain.newPage()
    try {
      await noScript.goto(`${origin}/${episode.slug}/`)
      expect(await noScript.locator('podlove-player audio source').count()).toBe(2)
      expect(await noScript.locator('podlove-player iframe').count()).toBe(0)
      const audio = noScript.locator('podlove-player audio')
      expect(await audio.isVisible()).toBe(true)
    } finally {
      await plain.close()
    }
  })

  it('when the player cannot start (its script missing), the plain <audio> stays and plays', async () => {
    const broken = await browser.newContext()
    const noPlayer = await broken.newPage()
    try {
      await noPlayer.route('**/embed.js', (route) => route.abort())
      await noPlayer.goto(`${origin}/${episode.slug}/`)
      expect(await noPlayer.evaluate(async () => (await window.castdeskPlayers)?.map(Boolean))).toEqual([
        false,
      ])
      expect(await noPlayer.locator('podlove-player audio source').count()).toBe(2)
      expect(await noPlayer.locator('podlove-player audio').isVisible()).toBe(true)
      expect(await noPlayer.locator('podlove-player').getAttribute('data-error')).toMatch(/podlovePlayer/)
    } finally {
      await broken.close()
    }
  })

  it('the feed carries show notes with media, season and episode, persons and chapters (podcast-partytime)', () => {
    const xml = readFileSync(join(site, 'feed/podcast/mp3/rss.xml'), 'utf8')
    expect(xml).not.toContain('<script>')
    const feed = parseFeed(xml)
    const item = feed?.items[0]
    expect(item?.title).toBe(TITLE)
    expect(item?.podcastSeason?.number).toBe(2)
    expect(item?.podcastEpisode?.number).toBe(12)
    expect(item?.podcastPeople?.map((p) => [p.name, p.role.toLowerCase()])).toEqual([
      ['Ana', 'host'],
      ['Ben', 'guest'],
    ])
    expect(feed?.podcastPeople?.map((p) => [p.name, p.role.toLowerCase()])).toEqual([['Ana', 'host']])
    expect(item?.description?.replace(/\s+/g, ' ')).toBe(
      'Show notes We feed the starter & wait. See the recipe.',
    )
    const content = item?.content ?? ''
    expect(content).toContain('<h2>Show notes</h2>')
    expect(content).toContain('<a href="https://example.org/recipe">the recipe</a>')
    const images = [...content.matchAll(/<img src="([^"]+)" alt="([^"]*)" width="(\d+)"/g)]
    expect(images).toHaveLength(3)
    for (const [, url = '', alt, width] of images) {
      expect(url.startsWith(baseUrl), url).toBe(true)
      expect(statSync(join(site, decodeURIComponent(url.slice(baseUrl.length)))).size).toBeGreaterThan(0)
      expect(alt).not.toBe('')
      expect(Number(width)).toBeLessThanOrEqual(1110)
    }
    const video = /<a href="([^"]+)">Video: oven<\/a>/.exec(content)?.[1] ?? ''
    expect(statSync(join(site, video.slice(baseUrl.length))).isFile()).toBe(true)
    expect(item?.podcastChapters?.url).toBe(`${baseUrl}${episode.slug}/chapters.json`)
    const chapters = JSON.parse(readFileSync(join(site, episode.slug, 'chapters.json'), 'utf8'))
    expect(chapters.chapters.map((c: { startTime: number }) => c.startTime)).toEqual([0, 10.5, 24.25])
    expect(xml).toMatch(
      /<itunes:summary>Show notes\s+We feed the starter &amp; wait\. See the recipe\.<\/itunes:summary>/,
    )
  })

  it('the player data names every format, the chapters with links and images, the transcript, contributors and cover', () => {
    const data = JSON.parse(readFileSync(join(site, episode.slug, 'podlove.json'), 'utf8'))
    expect(data.audio.map((a: { mimeType: string }) => a.mimeType)).toEqual(['audio/mpeg', 'audio/mp4'])
    expect(data.chapters[1]).toMatchObject({
      title: 'Feeding the starter',
      href: 'https://example.org/starter',
    })
    expect(data.chapters[2].image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/original_images\/cover/)
    expect(data.transcripts.length).toBe(2)
    expect(data.contributors.map((c: { name: string }) => c.name)).toEqual(['Ana', 'Ben'])
    expect(data.poster).toMatch(/original_images\/cover/)
    expect(data.show.poster).toBe(data.poster)
  })
})
