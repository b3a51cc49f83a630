import { readFileSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { parseFeed } from 'podcast-partytime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FeedImportReport } from '../../../src/shared/api/feeds.api'
import type { MediaItem } from '../../../src/shared/media'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { makeChapteredAudio } from '../audio/audio-fixtures'
import { serveFolder } from '../episodes/support/site-server'
import { cli } from '../storage/support/cli-async'

const VTT = 'WEBVTT\n\n00:00:00.500 --> 00:00:03.000\n<v Ana>Welcome back to the kitchen.\n'

/**
 * Castdesk's own published feed, served on 127.0.0.1, imported by the real CLI into a fresh
 * library and published again: the same GUIDs, titles, dates, numbers, chapters, transcripts and
 * podcast:guid.
 */
describe('round trip: publish, import into a fresh library, publish again', () => {
  const root = tempDir('castdesk-feed-roundtrip-')
  const files = makeDir(root, 'files')
  const siteA = makeDir(root, 'site-a')
  const siteB = makeDir(root, 'site-b')
  const servers: Server[] = []
  let originA = ''
  let originB = ''
  let originArt = ''
  const envA = { CASTDESK_LIBRARY: join(root, 'lib-a'), CASTDESK_USER: 'ana' }
  const envB = { CASTDESK_LIBRARY: join(root, 'lib-b'), CASTDESK_USER: 'ana' }
  const ok = async (args: string[], env: Record<string, string>) => {
    const result = await cli(args, env)
    if (result.code !== 0)
      throw new Error(`castdesk ${args.join(' ')} failed (${result.code}): ${result.stderr}`)
    return result.stdout
  }
  const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split('\n').at(-1) as string) as T
  const config = (library: string, site: string) =>
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

  beforeAll(async () => {
    const a = await serveFolder(siteA)
    const b = await serveFolder(siteB)
    servers.push(a.server, b.server)
    originA = a.origin
    originB = b.origin
    await ok(['init'], envA)
    config(envA.CASTDESK_LIBRARY, siteA)
    await ok(['storages', 'init', 'folder'], envA)
    makeChapteredAudio(join(files, 'kr012.mp3'), 'mp3', { seconds: 9 })
    makeChapteredAudio(join(files, 'kr013.mp3'), 'mp3', { seconds: 4, chapters: false, frequency: 330 })
    await makeImage(join(files, 'cover.jpg'), 'jpeg', { width: 1400, height: 1400, seed: 1 })
    await ok(['import', files], envA)
    const items = JSON.parse(await ok(['--json', 'list'], envA)) as MediaItem[]
    const id = (title: string) => String(items.find((item) => item.title === title)?.id)
    writeFileSync(join(root, 'kr012.vtt'), VTT)
    await ok(['audio', 'transcript', id('kr012'), '--import', join(root, 'kr012.vtt')], envA)
    // Chapter images on another host (the old show's CDN).
    const art = makeDir(root, 'art')
    await makeImage(join(art, 'intro.png'), 'png', { width: 600, height: 600, seed: 3 })
    await makeImage(join(art, 'starter.jpg'), 'jpeg', { width: 600, height: 600, seed: 4 })
    const artServer = await serveFolder(art)
    servers.push(artServer.server)
    originArt = artServer.origin
    writeFileSync(
      join(root, 'kr012-chapters.json'),
      JSON.stringify({
        version: '1.2.0',
        chapters: [
          { startTime: 0, title: 'Intro', img: `${originArt}/intro.png` },
          { startTime: 3, title: 'Starter', img: `${originArt}/starter.jpg`, url: 'https://example.org/s' },
          { startTime: 6, title: 'Bake' },
        ],
      }),
    )
    await ok(
      [
        'audio',
        'chapters',
        id('kr012'),
        '--import',
        join(root, 'kr012-chapters.json'),
        '--format',
        'podcasting2',
      ],
      envA,
    )
    await ok(
      [
        'podcast',
        'init',
        '--title',
        'Kitchen Radio',
        '--description',
        'Bread, slowly.',
        '--language',
        'en',
        '--category',
        'Arts > Food',
        '--author',
        'Ana',
        '--owner-email',
        'ana@example.org',
        '--cover',
        id('cover'),
        '--base-url',
        `${originA}/`,
        '--person',
        `Ana Alvarez|host|${originArt}/intro.png|https://example.org/ana`,
        '--person',
        'Ben|co-host',
        '--funding',
        'https://example.org/support|Support the show',
        '--locked',
        'yes',
      ],
      envA,
    )
    await ok(
      [
        'episode',
        'add',
        '--title',
        'Sourdough',
        '--published',
        '2026-01-05T08:00:07Z',
        '--audio',
        id('kr012'),
        '--season',
        '1',
        '--number',
        '12',
        '--type',
        'full',
        '--block',
        'text:We feed the **starter**.',
        '--person',
        'Chef Carla|guest||https://example.org/carla',
      ],
      envA,
    )
    await ok(
      [
        'episode',
        'add',
        '--title',
        'Rye',
        '--published',
        '2026-01-12T08:00:00Z',
        '--audio',
        id('kr013'),
        '--number',
        '13',
        '--type',
        'bonus',
      ],
      envA,
    )
    await ok(['publish', '--to', 'folder'], envA)
  })

  afterAll(() => {
    for (const server of servers) server.close()
  })

  it('imports the published show into a fresh library and publishes the same feed again', async () => {
    await ok(['init'], envB)
    config(envB.CASTDESK_LIBRARY, siteB)
    await ok(['storages', 'init', 'folder'], envB)
    const feedA = `${originA}/feed/podcast/mp3/rss.xml`
    const plan = lastJson<FeedImportReport>(
      await ok(['--json', 'podcast', 'import', feedA, '--dry-run'], envB),
    )
    expect(plan.items.map((i) => [i.title, i.action])).toEqual([
      ['Rye', 'new'],
      ['Sourdough', 'new'],
    ])
    const report = lastJson<FeedImportReport>(await ok(['--json', 'podcast', 'import', feedA], envB))
    expect(report.failed).toBe(0)
    await ok(['podcast', 'edit', '--base-url', `${originB}/`], envB)
    await ok(['publish', '--to', 'folder'], envB)

    const a = parseFeed(readFileSync(join(siteA, 'feed/podcast/mp3/rss.xml'), 'utf8'))
    const b = parseFeed(readFileSync(join(siteB, 'feed/podcast/mp3/rss.xml'), 'utf8'))
    if (!a || !b) throw new Error('a feed did not parse')
    expect(b.guid).toBe(a.guid)
    expect(b.title).toBe(a.title)
    const shape = (feed: typeof a) =>
      feed.items.map((item) => [
        item.guid,
        item.title,
        item.pubDate?.toISOString(),
        item.podcastSeason?.number,
        item.podcastEpisode?.number ?? item.itunesEpisode,
        item.itunesEpisodeType,
        item.enclosure.length,
      ])
    expect(shape(b)).toEqual(shape(a))
    // Podcasting 2.0: the hosts, funding and lock of the show, the guests of each episode.
    const p20 = (feed: typeof a) => ({
      people: feed.podcastPeople,
      funding: feed.podcastFunding,
      locked: feed.locked,
      owner: feed.podcastOwner,
      guests: feed.items.map((item) => item.podcastPeople),
    })
    expect(p20(b)).toEqual(p20(a))
    expect(p20(a)).toEqual({
      people: [
        {
          name: 'Ana Alvarez',
          role: 'Host',
          group: 'Cast',
          img: `${originArt}/intro.png`,
          href: 'https://example.org/ana',
        },
        { name: 'Ben', role: 'Co-Host', group: 'Cast' },
      ],
      funding: [{ url: 'https://example.org/support', message: 'Support the show' }],
      locked: true,
      owner: 'ana@example.org',
      guests: [
        // Rye has no people of its own: the author as host.
        [{ name: 'Ana', role: 'Host', group: 'Cast' }],
        [{ name: 'Chef Carla', role: 'Guest', group: 'Cast', href: 'https://example.org/carla' }],
      ],
    })
    const podcastB = JSON.parse(await ok(['--json', 'podcast', 'show'], envB))
    expect(podcastB.locked).toEqual({ locked: true, owner: 'ana@example.org' })
    const read = (site: string, origin: string, url: string | undefined) =>
      readFileSync(join(site, (url as string).slice(origin.length + 1)), 'utf8')
    const chapters = (feed: typeof a, site: string, origin: string) =>
      feed.items.map((item) =>
        item.podcastChapters ? JSON.parse(read(site, origin, item.podcastChapters.url)).chapters : null,
      )
    const withoutImages = (list: Array<Array<Record<string, unknown>> | null>) =>
      list.map((marks) => marks?.map(({ img: _img, ...rest }) => rest) ?? null)
    const chaptersA = chapters(a, siteA, originA)
    const chaptersB = chapters(b, siteB, originB)
    expect(withoutImages(chaptersB)).toEqual(withoutImages(chaptersA))
    expect(chaptersA[1]?.map((c: Record<string, unknown>) => c.img ?? null)).toEqual([
      `${originArt}/intro.png`,
      `${originArt}/starter.jpg`,
      null,
    ])
    // The chapter images came into library B as images, and B's chapters point at B's published copies.
    const imagesB = (JSON.parse(await ok(['--json', 'list'], envB)) as MediaItem[]).filter(
      (item) => item.type === 'image',
    )
    expect(imagesB.length).toBeGreaterThanOrEqual(3)
    const imgB = chaptersB[1]?.map((c: Record<string, unknown>) => c.img ?? null) ?? []
    expect(imgB[2]).toBeNull()
    for (const [url, magic] of [
      [imgB[0], '89504e47'],
      [imgB[1], 'ffd8ff'],
    ]) {
      expect(url).toMatch(new RegExp(`^${originB}/`))
      const response = await fetch(url as string)
      expect(response.status).toBe(200)
      const bytes = Buffer.from(await response.arrayBuffer())
      expect(bytes.toString('hex').startsWith(magic as string)).toBe(true)
    }
    // Also in the published feed's psc:chapters.
    const feedB = readFileSync(join(siteB, 'feed/podcast/mp3/rss.xml'), 'utf8')
    expect(feedB).toContain(`image="${imgB[0]}"`)
    const transcripts = (feed: typeof a, site: string, origin: string) =>
      feed.items.map((item) => (item.podcastTranscripts ?? []).map((t) => read(site, origin, t.url)))
    expect(transcripts(b, siteB, originB)).toEqual(transcripts(a, siteA, originA))
    expect(transcripts(a, siteA, originA)[1]?.[0]).toContain('Welcome back to the kitchen.')
  })

  it('a second import of the unchanged feed fetches nothing and exits 0', async () => {
    const result = await cli(['--json', 'podcast', 'import', `${originA}/feed/podcast/mp3/rss.xml`], envB)
    expect(result.code).toBe(0)
    const report = lastJson<FeedImportReport>(result.stdout)
    expect(report.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged'])
    expect(report.downloaded_bytes).toBe(0)
  })
})
