import { statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FeedImportReport } from '../../../src/shared/api/feeds.api'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { type FixtureItem, feedXml } from './support/feed-fixtures'
import { type FeedServer, startFeedServer } from './support/feed-server'

const CHAPTERS = JSON.stringify({
  version: '1.2.0',
  chapters: [
    { startTime: 0, title: 'Hello' },
    { startTime: 1.5, title: 'Flour', url: 'https://example.org/flour' },
  ],
})
const VTT = 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Ana>Welcome to the kitchen.\n'

/**
 * A Libsyn/Buzzsprout-shaped feed on a local host: enclosures behind tracking redirects (podtrac,
 * op3 style), a Podcasting 2.0 episode with chapters, transcript and an alternate M4A, show notes
 * in CDATA with an image and a script; imported, planned, re-run and edited.
 */
describe('podcast import from a feed', () => {
  const root = tempDir('castdesk-feed-')
  const files = makeDir(root, 'files')
  let host: FeedServer
  let lib: TestLibrary
  let items: FixtureItem[]
  const feedUrl = () => `${host.origin}/feed.xml`
  const publish = () =>
    host.set('/feed.xml', {
      body: feedXml({ title: 'Kitchen Radio', extra: channelExtra(host) }, items),
      type: 'application/rss+xml',
    })
  const run = (input: { limit?: number; dryRun?: boolean; media?: boolean } = {}) =>
    lib.call('podcast.import', { feed: feedUrl(), ...input }, lib.as('ana')) as Promise<FeedImportReport>
  const mediaRequests = () => host.requests.filter((r) => r.startsWith('GET /media/'))

  beforeAll(async () => {
    host = await startFeedServer()
    lib = await openTestLibrary(join(root, 'lib'))
    for (const [n, freq] of [
      [1, 330],
      [2, 440],
      [3, 550],
    ] as const) {
      makeAudio(join(files, `ep${n}.mp3`), 'mp3', { seconds: 3, frequency: freq })
      host.set(`/media/ep${n}.mp3`, { file: join(files, `ep${n}.mp3`), type: 'audio/mpeg' })
    }
    makeAudio(join(files, 'ep3.m4a'), 'm4a', { seconds: 3, frequency: 550 })
    host.set('/media/ep3.m4a', { file: join(files, 'ep3.m4a'), type: 'audio/mp4' })
    await makeImage(join(files, 'cover.jpg'), 'jpeg', { width: 1400, height: 1400, seed: 1 })
    await makeImage(join(files, 'loaf.png'), 'png', { width: 300, height: 200, seed: 2 })
    host.set('/media/cover.jpg', { file: join(files, 'cover.jpg'), type: 'image/jpeg' })
    host.set('/media/loaf.png', { file: join(files, 'loaf.png'), type: 'image/png' })
    host.set('/media/ep3-chapters.json', { body: CHAPTERS, type: 'application/json+chapters' })
    host.set('/media/ep3.vtt', { body: VTT, type: 'text/vtt' })
    // Tracking prefixes: podtrac → op3 → the host's file.
    for (const n of [1, 2, 3]) {
      host.set(`/podtrac/redirect.mp3/op/ep${n}.mp3`, { redirect: `${host.origin}/op3/e/ep${n}.mp3` })
      host.set(`/op3/e/ep${n}.mp3`, { redirect: `/media/ep${n}.mp3`, status: 301 })
    }
    const size = (n: number) => statSync(join(files, `ep${n}.mp3`)).size
    items = [
      {
        guid: 'libsyn-0001',
        title: 'Starter',
        pubDate: 'Mon, 02 Mar 2026 06:00:05 GMT',
        enclosure: {
          url: `${host.origin}/podtrac/redirect.mp3/op/ep1.mp3`,
          length: size(1),
          type: 'audio/mpeg',
        },
        extra: '<itunes:season>1</itunes:season><itunes:episode>1</itunes:episode>',
      },
      {
        guid: 'https://example.org/?p=2',
        title: 'Rye',
        pubDate: 'Tue, 10 Mar 2026 07:30:00 +0100',
        enclosure: {
          url: `${host.origin}/podtrac/redirect.mp3/op/ep2.mp3`,
          length: size(2),
          type: 'audio/mpeg',
        },
        extra: '<itunes:episodeType>bonus</itunes:episodeType>',
      },
      {
        guid: '0f1e2d3c-guid-with-Case',
        title: 'Sourdough &amp; more',
        pubDate: 'Wed, 18 Mar 2026 08:30:59 +0000',
        enclosure: {
          url: `${host.origin}/podtrac/redirect.mp3/op/ep3.mp3`,
          length: size(3),
          type: 'audio/mpeg',
        },
        notes:
          '<p>We feed the <strong>starter</strong>. <a href="javascript:alert(1)" onclick="steal()">click</a> <a href="https://example.org/rye">rye</a></p><script>alert("x")</script><img src="__ORIGIN__/media/loaf.png" onerror="x()"><img src="' +
          '__ORIGIN__/media/loaf.png" alt="A loaf"><h2>Links</h2><ul><li>one</li><li>two</li></ul>',
        extra: `<itunes:season>1</itunes:season><podcast:episode>3</podcast:episode><itunes:image href="__ORIGIN__/media/cover.jpg"/>
          <podcast:chapters url="__ORIGIN__/media/ep3-chapters.json" type="application/json+chapters"/>
          <podcast:transcript url="__ORIGIN__/media/ep3.vtt" type="text/vtt" language="en"/>
          <podcast:transcript url="__ORIGIN__/media/ep3.html" type="text/html"/>
          <podcast:alternateEnclosure type="audio/mp4" length="1000"><podcast:source uri="__ORIGIN__/media/ep3.m4a"/></podcast:alternateEnclosure>`,
      },
    ]
    for (const item of items) {
      if (item.notes) item.notes = item.notes.replaceAll('__ORIGIN__', host.origin)
      if (item.extra) item.extra = item.extra.replaceAll('__ORIGIN__', host.origin)
    }
    publish()
  })

  it('plans first: a dry run lists the podcast, each episode as new with its downloads and sizes, and writes nothing', async () => {
    const plan = await run({ dryRun: true })
    expect(plan.dryRun).toBe(true)
    expect(plan.podcast).toMatchObject({
      action: 'create',
      title: 'Kitchen Radio',
      guid: '9b024349-ccf0-5f69-a609-6b82873eab3c',
    })
    expect(plan.items.map((i) => [i.title, i.action])).toEqual([
      ['Sourdough & more', 'new'],
      ['Rye', 'new'],
      ['Starter', 'new'],
    ])
    const audio = plan.items[2]?.downloads.find((d) => d.kind === 'audio')
    expect(audio?.bytes).toBe(statSync(join(files, 'ep1.mp3')).size)
    expect(plan.bytes_needed).toBeGreaterThan(0)
    expect(plan.bytes_free).toBeGreaterThan(plan.bytes_needed)
    expect(plan.not_kept.join('\n')).toMatch(/Leisure/)
    expect(plan.not_kept.join('\n')).toMatch(/text\/html/)
    expect(mediaRequests()).toEqual([])
    await expect(lib.call('podcast.show', {}, lib.as('ana'))).rejects.toMatchObject({ code: 'not_found' })
    expect(await lib.call('media.list', {}, lib.as('ana'))).toEqual([])
  })

  it('imports every episode with its GUID, date, numbers, audio through redirects, chapters, transcript, other format and show notes', async () => {
    const report = await run()
    expect(report.failed).toBe(0)
    expect(report.items.every((i) => i.status === 'done')).toBe(true)
    const podcast = await lib.call('podcast.show', {}, lib.as('ana'))
    expect(podcast).toMatchObject({
      title: 'Kitchen Radio',
      language: 'en-us',
      category: 'Arts > Food',
      author: 'Ana Baker',
      owner_email: 'ana@example.org',
      guid: '9b024349-ccf0-5f69-a609-6b82873eab3c',
      feed_url: feedUrl(),
    })
    expect(podcast.description).toBe('A show about bread & baking.')
    expect(podcast.cover).not.toBeNull()
    const episodes = await lib.call('episodes.list', {}, lib.as('ana'))
    expect(episodes.map((e) => [e.guid, e.title, e.published, e.season, e.number, e.type])).toEqual([
      ['0f1e2d3c-guid-with-Case', 'Sourdough & more', '2026-03-18T08:30:59.000Z', 1, 3, 'full'],
      ['https://example.org/?p=2', 'Rye', '2026-03-10T06:30:00.000Z', null, null, 'bonus'],
      ['libsyn-0001', 'Starter', '2026-03-02T06:00:05.000Z', 1, 1, 'full'],
    ])
    const sourdough = await lib.call('episodes.show', { id: episodes[0]?.id as number }, lib.as('ana'))
    expect(sourdough.cover).not.toBeNull()
    const audio = await lib.call('media.show', { id: sourdough.audio as number }, lib.as('ana'))
    if (audio.type !== 'audio') throw new Error('not audio')
    expect(audio.files.map((f) => f.format).sort()).toEqual(['m4a', 'mp3'])
    expect(audio.chapters.map((c) => [c.start_ms, c.title, c.link])).toEqual([
      [0, 'Hello', null],
      [1500, 'Flour', 'https://example.org/flour'],
    ])
    const transcript = await lib.call('audio.transcript', { id: audio.id }, lib.as('ana'))
    expect(transcript.cues).toBe(1)
    // Show notes: sanitized paragraphs, the images as library images (the same image once), a heading, a list.
    const types = sourdough.body.map((b) => b.type)
    expect(types).toEqual(['paragraph', 'image', 'image', 'heading', 'paragraph'])
    const text = JSON.stringify(sourdough.body)
    expect(text).not.toMatch(/javascript|onclick|onerror|script|alert/)
    expect(text).toContain('[rye](<https://example.org/rye>)')
    const images = sourdough.body.flatMap((b) => (b.type === 'image' ? [b.image] : []))
    expect(new Set(images).size).toBe(1)
    expect(mediaRequests().filter((r) => r === 'GET /media/loaf.png')).toHaveLength(1)
  })

  it('a second run of an unchanged feed downloads nothing', async () => {
    const before = mediaRequests().length
    const report = await run()
    expect(report.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(report.podcast.action).toBe('unchanged')
    expect(mediaRequests().length).toBe(before)
    expect(report.downloaded_bytes).toBe(0)
  })

  it('keeps what the user edited, reports it as a conflict, and brings new and changed episodes only', async () => {
    const episodes = await lib.call('episodes.list', {}, lib.as('ana'))
    const rye = episodes.find((e) => e.title === 'Rye')
    await lib.call('episodes.update', { id: rye?.id as number, title: 'Rye, my way' }, lib.as('ana'))
    makeAudio(join(files, 'ep4.mp3'), 'mp3', { seconds: 2, frequency: 660 })
    host.set('/media/ep4.mp3', { file: join(files, 'ep4.mp3'), type: 'audio/mpeg' })
    items = [
      {
        guid: 'new-4',
        title: 'Spelt',
        pubDate: 'Thu, 26 Mar 2026 09:00:00 +0000',
        enclosure: { url: `${host.origin}/media/ep4.mp3`, length: 0, type: 'audio/mpeg' },
      },
      ...items.map((item) =>
        item.guid === 'https://example.org/?p=2'
          ? { ...item, title: 'Rye (remastered)' }
          : item.guid === 'libsyn-0001'
            ? { ...item, title: 'Starter, revised' }
            : item,
      ),
    ]
    publish()
    const before = mediaRequests().length
    const report = await run()
    const byGuid = new Map(report.items.map((i) => [i.guid, i]))
    expect(byGuid.get('new-4')?.action).toBe('new')
    expect(byGuid.get('https://example.org/?p=2')).toMatchObject({
      action: 'updated',
      fields: ['body'],
      conflicts: ['title'],
    })
    expect(byGuid.get('libsyn-0001')).toMatchObject({
      action: 'updated',
      fields: ['title', 'body'],
      conflicts: [],
    })
    expect(mediaRequests().slice(before)).toEqual(['GET /media/ep4.mp3'])
    const titles = (await lib.call('episodes.list', {}, lib.as('ana'))).map((e) => e.title)
    expect(titles).toEqual(['Spelt', 'Sourdough & more', 'Rye, my way', 'Starter, revised'])
  })

  it('--limit takes the newest items', async () => {
    const plan = await run({ dryRun: true, limit: 1 })
    expect(plan.items.map((i) => i.title)).toEqual(['Spelt'])
    expect(plan.left_out).toBe(3)
  })

  it("a web page where audio was expected is that item's error: the episode stays a draft and the next run fetches it", async () => {
    host.set('/media/ep5.mp3', {
      body: '<!DOCTYPE html><html><body>Please log in</body></html>',
      type: 'text/html',
    })
    items = [
      {
        guid: 'login-5',
        title: 'Behind a login',
        pubDate: 'Fri, 27 Mar 2026 09:00:00 +0000',
        enclosure: { url: `${host.origin}/media/ep5.mp3`, length: 5000, type: 'audio/mpeg' },
      },
      ...items,
    ]
    publish()
    const itemCount = (await lib.call('media.list', {}, lib.as('ana'))).length
    const report = await run()
    const failed = report.items.find((i) => i.guid === 'login-5')
    expect(failed).toMatchObject({ status: 'draft' })
    expect(failed?.errors[0]?.code).toBe('unsupported_media')
    expect(failed?.errors[0]?.message).toMatch(/web page/)
    expect(report.failed).toBe(1)
    expect((await lib.call('media.list', {}, lib.as('ana'))).length).toBe(itemCount)
    const draft = (await lib.call('episodes.list', {}, lib.as('ana'))).find((e) => e.guid === 'login-5')
    expect(draft).toMatchObject({ published: null, audio: null })
    makeAudio(join(files, 'ep5.mp3'), 'mp3', { seconds: 2, frequency: 770 })
    host.set('/media/ep5.mp3', { file: join(files, 'ep5.mp3'), type: 'audio/mpeg' })
    const again = await run()
    expect(again.items.find((i) => i.guid === 'login-5')).toMatchObject({ action: 'resume', status: 'done' })
    expect(again.items.filter((i) => i.action !== 'unchanged')).toHaveLength(1)
    const fixed = (await lib.call('episodes.list', {}, lib.as('ana'))).find((e) => e.guid === 'login-5')
    expect(fixed?.published).toBe('2026-03-27T09:00:00.000Z')
    expect(fixed?.audio).not.toBeNull()
  })

  it('a feed of another show is refused with podcast_exists and the way out', async () => {
    host.set('/other.xml', { body: feedXml({ title: 'Garden Hour' }, []), type: 'application/rss+xml' })
    await expect(
      lib.call('podcast.import', { feed: `${host.origin}/other.xml` }, lib.as('ana')),
    ).rejects.toMatchObject({
      code: 'podcast_exists',
      message: expect.stringContaining('--user NAME'),
    })
    const other = await lib.call('podcast.import', { feed: `${host.origin}/other.xml` }, lib.as('ben'))
    expect(other.podcast.action).toBe('create')
    // The same show as another user: GUIDs are unique per podcast, so cy gets every episode too.
    const copy = await lib.call('podcast.import', { feed: feedUrl() }, lib.as('cy'))
    expect(copy.failed).toBe(0)
    expect(copy.podcast.action).toBe('create')
    const list = (user: string) => lib.call('episodes.list', {}, lib.as(user))
    const ours = await list('ana')
    const theirs = await list('cy')
    expect(theirs.map((e) => e.guid)).toEqual(ours.map((e) => e.guid))
    expect(theirs.map((e) => e.guid).sort()).toEqual(items.map((i) => i.guid).sort())
    expect(theirs.every((e) => e.published !== null)).toBe(true)
    expect(theirs.filter((e) => ours.some((o) => o.id === e.id))).toEqual([])
    // A second run for cy matches by GUID within cy's podcast: nothing new, nothing failed.
    const again = await lib.call('podcast.import', { feed: feedUrl() }, lib.as('cy'))
    expect(again.failed).toBe(0)
    expect((await list('cy')).length).toBe(items.length)
  })
})

function channelExtra(host: FeedServer): string {
  return `<itunes:image href="${host.origin}/media/cover.jpg"/><podcast:guid>9b024349-ccf0-5f69-a609-6b82873eab3c</podcast:guid><podcast:funding url="https://example.org/support">Support us</podcast:funding>`
}
