import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { parseFeed } from 'podcast-partytime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EpisodeInfo, PublishReport } from '../../../src/shared/api/podcasts.api'
import type { MediaItem } from '../../../src/shared/media'
import { makeDir, makeImage, makeVideo } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { makeChapteredAudio } from '../audio/audio-fixtures'
import { cli, cliJson } from '../storage/support/cli-async'
import { credentialsEnv } from '../storage/support/s3-fixtures'
import { type S3TestServer, startS3Server } from '../storage/support/s3-server'
import { checkPages } from './support/broken-references'
import { checkFeed } from './support/feed-check'
import { serveFolder } from './support/site-server'

const VTT = `WEBVTT

00:00:00.500 --> 00:00:03.000
<v Ana>Welcome back to the kitchen.

00:00:03.200 --> 00:00:06.000
<v Ben>Today: sourdough & rye.
`

/**
 * Done-when of "Episodes and publishing": a podcast with three episodes (audio with chapters and a
 * transcript; a gallery; a video), published through the real CLI to a local folder and to S3
 * (s3rver), read back by podcast-partytime, with every URL resolving to a file that parses, a
 * second publish transferring nothing, and every page opened in Chromium without a broken reference.
 */
describe('publishing a podcast', () => {
  const root = tempDir('castdesk-publish-')
  const files = makeDir(root, 'files')
  const library = join(root, 'lib')
  const site = join(root, 'site')
  let s3: S3TestServer
  let env: Record<string, string>
  let baseUrl: string
  const run = (args: string[]) => cli(args, env)
  const json = async <T>(args: string[]): Promise<T> => {
    const result = await cliJson<T>(args, env)
    if (result.code !== 0) throw new Error(`castdesk ${args.join(' ')} failed: ${result.stderr}`)
    return result.json
  }
  const episodes: EpisodeInfo[] = []
  let audioItems: MediaItem[] = []

  beforeAll(async () => {
    s3 = await startS3Server(['site'])
    baseUrl = `${s3.endpoint}/site/`
    env = { CASTDESK_LIBRARY: library, CASTDESK_USER: 'ana', ...credentialsEnv('cloud') }
    expect((await run(['init'])).code).toBe(0)
    writeFileSync(
      join(library, 'castdesk.config.json'),
      JSON.stringify({
        avifEffort: 0,
        storages: {
          default: { type: 'local', location: 'media' },
          folder: { type: 'local', location: site },
          cloud: { type: 's3', bucket: 'site', endpoint: s3.endpoint, forcePathStyle: true },
        },
      }),
    )
    // Storages configured after `init` are set up the one way a storage is.
    for (const name of ['folder', 'cloud']) expect((await run(['storages', 'init', name])).code).toBe(0)
    // Real media: three audios (the first in two formats, with chapters), images, a video.
    makeChapteredAudio(join(files, 'kr012.mp3'), 'mp3', { seconds: 9 })
    makeChapteredAudio(join(files, 'kr012.m4a'), 'm4a', { seconds: 9 })
    makeChapteredAudio(join(files, 'kr013.mp3'), 'mp3', { seconds: 4, chapters: false, frequency: 330 })
    makeChapteredAudio(join(files, 'kr014.mp3'), 'mp3', { seconds: 5, chapters: false, frequency: 550 })
    await makeImage(join(files, 'cover.jpg'), 'jpeg', { width: 1400, height: 1400, seed: 1 })
    for (const seed of [2, 3, 4])
      await makeImage(join(files, `loaf${seed}.jpg`), 'jpeg', { width: 1600, height: 1000, seed })
    makeVideo(join(files, 'oven.mp4'), { width: 320, height: 240, seconds: 2 })
    expect((await run(['import', files])).code).toBe(0)
    const items = await json<MediaItem[]>(['list'])
    const id = (title: string) => items.find((item) => item.title === title)?.id as number
    audioItems = items.filter((item) => item.type === 'audio')
    expect(audioItems).toHaveLength(3)
    const vtt = join(root, 'kr012.vtt')
    writeFileSync(vtt, VTT)
    expect((await run(['audio', 'transcript', String(id('kr012')), '--import', vtt])).code).toBe(0)

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
    const add = (args: string[]) => json<EpisodeInfo>(['episode', 'add', ...args])
    episodes.push(
      await add([
        '--title',
        'Sourdough',
        '--published',
        '2026-01-05T08:00:00Z',
        '--audio',
        String(id('kr012')),
        '--season',
        '1',
        '--number',
        '12',
        '--block',
        'heading:Show notes',
        '--block',
        'text:We feed the **starter**.',
        '--block',
        `image:${id('loaf2')}`,
      ]),
      await add([
        '--title',
        'Rye gallery',
        '--published',
        '2026-01-12T08:00:00Z',
        '--audio',
        String(id('kr013')),
        '--number',
        '13',
        '--block',
        `gallery:${id('loaf2')},${id('loaf3')},${id('loaf4')}`,
      ]),
      await add([
        '--title',
        'Oven video',
        '--published',
        '2026-01-19T08:00:00Z',
        '--audio',
        String(id('kr014')),
        '--number',
        '14',
        '--type',
        'bonus',
        '--block',
        'text:Watch the oven.',
        '--block',
        `video:${id('oven')}`,
      ]),
    )
    await json(['episode', 'add', '--title', 'Not yet', '--draft', '--audio', String(id('kr014'))])
  }, 240_000)

  afterAll(async () => {
    await s3?.stop()
  })

  let first: PublishReport
  it('plans a dry run without writing anything', async () => {
    const plan = await json<PublishReport>(['publish', '--to', 'folder', '--dry-run'])
    expect(plan).toMatchObject({ dryRun: true, episodes: 3, copied: 0 })
    expect(plan.paths?.add).toEqual(
      expect.arrayContaining(['index.html', 'sourdough/index.html', 'feed/podcast/mp3/rss.xml']),
    )
    expect(() => statSync(join(site, 'index.html'))).toThrow()
  })

  it('publishes pages, feeds, chapters, transcripts and media to a local folder', async () => {
    first = await json<PublishReport>(['publish', '--to', 'folder'])
    expect(first.failures).toEqual([])
    expect(first.feeds).toEqual(['feed/podcast/mp3/rss.xml', 'feed/podcast/m4a/rss.xml'])
    expect(first.copied).toBe(first.files)
    expect(first.plan.same).toBe(0)
    const fromSite = (url: string) => readFileSync(join(site, decodeURIComponent(url.slice(baseUrl.length))))
    checkFeed(readFileSync(join(site, 'feed/podcast/mp3/rss.xml'), 'utf8'), fromSite, baseUrl, audioItems)
    const m4a = parseFeed(readFileSync(join(site, 'feed/podcast/m4a/rss.xml'), 'utf8'))
    expect(m4a?.items.map((item) => [item.title, item.enclosure.type])).toEqual([['Sourdough', 'audio/mp4']])
  })

  it('transfers nothing when nothing changed', async () => {
    const again = await json<PublishReport>(['publish', '--to', 'folder'])
    expect(again).toMatchObject({ copied: 0, bytes: 0, failures: [] })
    expect(again.plan).toEqual({ add: 0, change: 0, same: first.files, bytes: 0 })
  })

  it('sends only what an edit changed: never the media or the other episodes', async () => {
    await json(['episode', 'edit', String(episodes[1]?.id), '--title', 'Rye, a gallery'])
    const plan = await json<PublishReport>(['publish', '--to', 'folder', '--dry-run'])
    expect(plan.paths?.add).toEqual([])
    expect(plan.paths?.change.sort()).toEqual([
      'feed/podcast/mp3/rss.xml',
      'index.html',
      'rye-gallery/index.html',
    ])
    expect((await json<PublishReport>(['publish', '--to', 'folder'])).copied).toBe(3)
  })

  it('publishes to S3 through the sync engine; the feed’s URLs resolve over HTTP; again, nothing moves', async () => {
    const report = await json<PublishReport>(['publish', '--to', 'cloud'])
    expect(report).toMatchObject({ failures: [], episodes: 3 })
    expect(report.copied).toBe(report.files)
    expect(await s3.keys('site')).toEqual(
      expect.arrayContaining(['feed/podcast/mp3/rss.xml', 'sourdough/chapters.json']),
    )
    const fetched = new Map<string, Buffer>()
    for (const key of await s3.keys('site')) {
      const response = await fetch(`${baseUrl}${key.split('/').map(encodeURIComponent).join('/')}`)
      expect(response.status).toBe(200)
      fetched.set(
        `${baseUrl}${key.split('/').map(encodeURIComponent).join('/')}`,
        Buffer.from(await response.arrayBuffer()),
      )
    }
    const feed = await (await fetch(`${baseUrl}feed/podcast/mp3/rss.xml`)).text()
    checkFeed(
      feed,
      (url) => {
        const body = fetched.get(url)
        if (!body) throw new Error(`${url} is not in the bucket`)
        return body
      },
      baseUrl,
      audioItems,
    )
    const before = await Promise.all((await s3.keys('site')).map((key) => s3.metadata('site', key)))
    const again = await json<PublishReport>(['publish', '--to', 'cloud'])
    expect(again).toMatchObject({ copied: 0, bytes: 0, failures: [] })
    expect(again.plan).toMatchObject({ add: 0, change: 0, same: report.files })
    expect(await Promise.all((await s3.keys('site')).map((key) => s3.metadata('site', key)))).toEqual(before)
  }, 120_000)

  // After the S3 publish: the player data names files by absolute URL under the base URL (the bucket).
  it('opens every page in Chromium without a broken image, audio or video reference', async () => {
    const { origin, server } = await serveFolder(site)
    try {
      const pages = ['index.html', ...episodes.map((e) => `${e.slug}/index.html`)].map(
        (p) => `${origin}/${p}`,
      )
      const results = await checkPages(pages)
      const all = [...results.values()].flat()
      expect(all.filter((ref) => !ref.ok).map((ref) => `${ref.kind} ${ref.url} ${ref.detail}`)).toEqual([])
      const kinds = (page: string) => results.get(`${origin}/${page}`)?.map((ref) => ref.kind) ?? []
      expect(kinds('sourdough/index.html')).toEqual(
        expect.arrayContaining(['img', 'audio', 'player-data', 'link']),
      )
      expect(kinds('rye-gallery/index.html').filter((k) => k === 'img')).toHaveLength(3)
      expect(kinds('oven-video/index.html')).toEqual(expect.arrayContaining(['video', 'poster', 'audio']))
    } finally {
      await new Promise((done) => (server as Server).close(done))
    }
  }, 120_000)

  it('(the check itself) reports a missing image, audio file, video, poster and player data', async () => {
    const broken = makeDir(root, 'broken')
    const page = readFileSync(join(site, 'oven-video/index.html'), 'utf8')
      .replace(/\.\.\/cast_audio\//g, '../cast_audio/missing-')
      .replace(/\.\.\/cast_videos\//g, '../cast_videos/missing-')
    writeFileSync(join(broken, 'index.html'), `${page}<img src="nowhere.jpg" alt="">`)
    const { origin, server } = await serveFolder(broken)
    try {
      const [references = []] = [...(await checkPages([`${origin}/index.html`])).values()]
      const failing = new Set(references.filter((ref) => !ref.ok).map((ref) => ref.kind))
      expect(failing).toEqual(new Set(['img', 'audio', 'video', 'poster', 'player-data', 'request']))
    } finally {
      await new Promise((done) => (server as Server).close(done))
    }
  }, 60_000)

  it('removes the pages of an episode taken back to draft, never media, and sends it again when republished', async () => {
    const oven = episodes.find((e) => e.slug === 'oven-video') as (typeof episodes)[number]
    const published = oven.published as string
    await json(['episode', 'edit', String(oven.id), '--draft'])
    const plan = await json<PublishReport>(['publish', '--to', 'folder', '--dry-run'])
    const retired = plan.paths?.remove ?? []
    expect(retired).toContain('oven-video/index.html')
    expect(retired.every((key) => key.startsWith('oven-video/'))).toBe(true)
    expect(statSync(join(site, 'oven-video/index.html')).isFile()).toBe(true)

    const done = await json<PublishReport>(['publish', '--to', 'folder'])
    expect(done).toMatchObject({ removed: retired.length, failures: [], episodes: 2 })
    expect(() => statSync(join(site, 'oven-video/index.html'))).toThrow()
    // Moved into the site folder's quarantine, not deleted.
    expect(done.quarantine?.location).toBe(
      join(site, '.castdesk-quarantine', done.quarantine?.batch as string),
    )
    expect(statSync(join(done.quarantine?.location as string, 'oven-video/index.html')).isFile()).toBe(true)
    expect(readFileSync(join(site, 'index.html'), 'utf8')).not.toContain('oven-video')
    // The episode's media stay: a library's media are never deleted by publishing.
    const video = readdirSync(join(site, 'cast_videos')).filter((name) => name.endsWith('.mp4'))
    expect(video.length).toBeGreaterThan(0)
    expect((await json<PublishReport>(['publish', '--to', 'folder'])).removed).toBe(0)

    await json(['episode', 'edit', String(oven.id), '--published', published])
    const back = await json<PublishReport>(['publish', '--to', 'folder'])
    expect(back).toMatchObject({ removed: 0, failures: [], episodes: 3 })
    expect(statSync(join(site, 'oven-video/index.html')).isFile()).toBe(true)
  }, 120_000)

  it('refuses to publish without a base URL or to an unknown storage, with codes', async () => {
    const unknown = await run(['publish', '--to', 'nowhere'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('[invalid_config]')
    const bob = { ...env, CASTDESK_USER: 'bob' }
    expect((await cli(['publish', '--to', 'folder'], bob)).stderr).toContain('You have no podcast yet')
    expect((await cli(['podcast', 'init', '--title', 'Bob talks'], bob)).code).toBe(0)
    const noBase = await cli(['publish', '--to', 'folder'], bob)
    expect(noBase.code).toBe(2)
    expect(noBase.stderr).toMatch(/no base URL.*\[invalid_input\]/)
  })
})
