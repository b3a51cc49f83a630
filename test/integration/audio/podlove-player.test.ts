import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, extname, join, resolve, sep } from 'node:path'
import { type BrowserContext, chromium, type Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PodlovePlayerData } from '../../../src/shared/api/audio.api'
import { makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeChapteredAudio } from './audio-fixtures'

/** The page's globals as the callbacks below use them (this project's tsconfig has no DOM types). */
declare const window: { playerStore?: PlayerStore; playerError?: string }
declare const document: { body: { innerText: string } | null }
interface PlayerStore {
  getState(): Record<string, unknown>
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
]
const PLAYER_PACKAGE = dirname(require.resolve('@podlove/web-player/package.json'))
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Castdesk player test</title></head>
<body><div id="player"></div>
<script src="/pwp/embed.js"></script>
<script>
  window.podlovePlayer('#player', '/episode.json', '/config.json')
    .then((store) => { window.playerStore = store })
    .catch((error) => { window.playerError = String(error) })
</script></body></html>`

/** A file server on 127.0.0.1: the page, the episode, the player package and the library's media (with Range). */
function serve(episode: () => PodlovePlayerData, mediaRoot: string, requests: string[]): Server {
  return createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    requests.push(path)
    const send = (status: number, body: string | Buffer, type = 'text/plain', headers = {}) => {
      response.writeHead(status, { 'content-type': type, ...headers })
      response.end(body)
    }
    if (path === '/') return send(200, PAGE, TYPES['.html'])
    if (path === '/episode.json') return send(200, JSON.stringify(episode()), TYPES['.json'])
    if (path === '/config.json') {
      return send(200, JSON.stringify({ version: 5, base: '/pwp/', activeTab: 'chapters' }), TYPES['.json'])
    }
    const [root, rest] = path.startsWith('/pwp/')
      ? [PLAYER_PACKAGE, path.slice(5)]
      : path.startsWith('/media/')
        ? [mediaRoot, path.slice(7)]
        : [null, '']
    const file = root ? resolve(root, rest) : ''
    if (!root || !file.startsWith(root + sep) || !existsSync(file) || !(await stat(file)).isFile()) {
      return send(404, 'not found')
    }
    const body = await readFile(file)
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '')
    if (!range) return send(200, body, type, { 'accept-ranges': 'bytes' })
    const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]))
    const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1
    return send(206, body.subarray(start, end + 1), type, {
      'accept-ranges': 'bytes',
      'content-range': `bytes ${start}-${end}/${body.length}`,
    })
  })
}

/** The player's remaining time at 0 as it prints it: -MM:SS, or -H:MM:SS from an hour. */
function remaining(durationMs: number): string {
  const total = Math.floor(durationMs / 1000)
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60]
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `-${h}:${two(m)}:${two(s)}` : `-${two(m)}:${two(s)}`
}

describe('the Podlove Web Player 5 in Chromium, with the episode data of an Audio', () => {
  const root = tempDir('castdesk-audio-player-')
  const files = makeDir(root, 'files')
  const requests: string[] = []
  const browserRequests: string[] = []
  let origin = ''
  let t: TestLibrary
  let episode: PodlovePlayerData
  let durationMs: number
  let server: Server
  let context: BrowserContext
  let frame: Frame
  const userDataDir = mkdtempSync(join(tmpdir(), 'castdesk-chromium-'))

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does).`)
    makeChapteredAudio(join(files, 'kr012.mp3'), 'mp3', { seconds: 65, chapters: false })
    makeChapteredAudio(join(files, 'kr012.m4a'), 'm4a', { seconds: 65, chapters: false })
    t = await openTestLibrary(join(root, 'library'))
    const ann = t.as('ann')
    const id = (await t.call('media.import', { paths: [files] }, ann))[0]?.id as number
    await t.call('audio.update', { id, title: 'KR012 Sourdough', subtitle: 'Starter basics' }, ann)
    await t.call(
      'audio.setChapters',
      {
        id,
        chapters: [
          { start_ms: 0, title: 'Hello and welcome' },
          { start_ms: 12_500, title: 'Feeding the starter', link: 'https://example.org/starter' },
          { start_ms: 48_250, title: 'Baking day' },
        ],
      },
      ann,
    )
    const vtt =
      'WEBVTT\n\n00:00:01.200 --> 00:00:04.050\n<v Ana>Welcome back to the kitchen.\n\n00:00:04.300 --> 00:00:06.000\n<v Ben>Thanks!\n'
    await t.call('audio.importTranscript', { id, text: vtt, name: 'kr012.vtt' }, ann)
    durationMs = (await t.call('audio.chapters', { id }, ann)).duration_ms as number

    server = serve(() => episode, join(t.library.dir, 'media'), requests)
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    episode = await t.call('audio.player', { id, mediaBaseUrl: `http://127.0.0.1:${port}/media/` }, ann)

    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    })
    const page = context.pages()[0] ?? (await context.newPage())
    origin = `http://127.0.0.1:${port}/`
    page.on('request', (request) => browserRequests.push(request.url()))
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForFunction(() => 'playerStore' in window || 'playerError' in window, null, {
      timeout: 30_000,
    })
    expect(await page.evaluate(() => window.playerError)).toBeUndefined()
    const iframe = await page.waitForSelector('#player iframe')
    frame = (await iframe.contentFrame()) as Frame
    // innerText, not textContent: what the player shows, as rendered.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
    await frame.waitForFunction((title) => document.body?.innerText.includes(title), 'Baking day', {
      timeout: 30_000,
    })
  })

  afterAll(async () => {
    await context?.close()
    await new Promise((done) => server?.close(done))
    rmSync(userDataDir, { recursive: true, force: true })
  })

  it('is given version 5 data with the files in mp3, m4a order and the duration as HH:MM:SS.mmm', () => {
    expect(episode.version).toBe(5)
    expect(episode.audio.map((a) => [a.mimeType, a.title])).toEqual([
      ['audio/mpeg', 'Audio MP3'],
      ['audio/mp4', 'Audio M4A'],
    ])
    expect(episode.duration).toMatch(/^00:01:05\.\d{3}$/)
    expect(episode.contributors).toEqual([
      { id: 'Ana', name: 'Ana' },
      { id: 'Ben', name: 'Ben' },
    ])
  })

  it('shows the episode title and every chapter', async () => {
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
    const text = await frame.evaluate(() => document.body?.innerText ?? '')
    expect(text).toContain('KR012 Sourdough')
    for (const title of ['Hello and welcome', 'Feeding the starter', 'Baking day'])
      expect(text).toContain(title)
    expect(text).toContain('example.org')
  })

  it('shows the duration', async () => {
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
    const text = await frame.evaluate(() => document.body?.innerText ?? '')
    expect(text).toContain(remaining(durationMs))
  })

  it('holds the chapters, the duration and the transcript in its state', async () => {
    const page = context.pages()[0]
    const state = (await page?.evaluate(() => {
      const store = (window as unknown as { playerStore: { getState(): Record<string, unknown> } })
        .playerStore
      return JSON.parse(JSON.stringify(store.getState()))
    })) as {
      timepiece: { duration: number }
      chapters: { list: Array<{ start: number; end: number; title: string; href: string }> }
      transcripts: { timeline: unknown[] }
    }
    expect(state.timepiece.duration).toBe(durationMs)
    expect(state.chapters.list.map((c) => [c.start, c.end, c.title])).toEqual([
      [0, 12_500, 'Hello and welcome'],
      [12_500, 48_250, 'Feeding the starter'],
      [48_250, durationMs, 'Baking day'],
    ])
    expect(state.chapters.list[1]?.href).toBe('https://example.org/starter')
    expect(state.transcripts.timeline.length).toBeGreaterThan(0)
  })

  it('loaded the player from the installed package and nothing from anywhere else', () => {
    expect(requests).toContain('/pwp/embed.js')
    expect(requests.some((r) => r.startsWith('/pwp/5.13.0/player/'))).toBe(true)
    const elsewhere = browserRequests.filter(
      (url) => !url.startsWith(origin) && !/^(data|blob|about):/.test(url),
    )
    expect(elsewhere).toEqual([])
  })
})
