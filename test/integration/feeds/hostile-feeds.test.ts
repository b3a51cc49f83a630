import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FeedImportReport } from '../../../src/shared/api/feeds.api'
import { makeAudio, makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { feedXml } from './support/feed-fixtures'
import { type FeedServer, startFeedServer } from './support/feed-server'

/** Feeds from anyone: each attack refused or survived, with nothing half-imported. */
describe('hostile feeds', () => {
  const root = tempDir('castdesk-hostile-feed-')
  const files = makeDir(root, 'files')
  const victim = join(root, 'victim.txt')
  let host: FeedServer
  let lib: TestLibrary
  const importFeed = (path: string, user = 'ana') =>
    lib.call('podcast.import', { feed: `${host.origin}${path}` }, lib.as(user)) as Promise<FeedImportReport>
  const files_in_staging = () => {
    const tmp = join(root, 'lib', 'tmp')
    const found: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name))
        else found.push(entry.name)
      }
    }
    try {
      walk(tmp)
    } catch {}
    return found
  }

  beforeAll(async () => {
    host = await startFeedServer()
    lib = await openTestLibrary(join(root, 'lib'), { feedImport: { stallSeconds: 1, maxFeedBytes: 200_000 } })
    expect(victim.startsWith(root)).toBe(true)
    writeFileSync(victim, 'SECRET-VICTIM-CONTENT')
    makeAudio(join(files, 'ok.mp3'), 'mp3', { seconds: 2 })
    host.set('/media/ok.mp3', { file: join(files, 'ok.mp3'), type: 'audio/mpeg' })
  })

  it('an external entity naming a local file is never read: the feed is refused', async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://${victim}">]>\n<rss version="2.0"><channel><title>&xxe;</title></channel></rss>`
    host.set('/xxe.xml', { body: xml, type: 'application/rss+xml' })
    await expect(importFeed('/xxe.xml')).rejects.toMatchObject({
      code: 'invalid_feed',
      message: expect.stringMatching(/entities/),
    })
    await expect(lib.call('podcast.show', {}, lib.as('ana'))).rejects.toMatchObject({ code: 'not_found' })
  })

  it('"billion laughs" ends at once', async () => {
    const lol = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ]
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [${lol.join('\n')}]>\n<rss version="2.0"><channel><title>&lol9;</title></channel></rss>`
    host.set('/lol.xml', { body: xml, type: 'application/rss+xml' })
    const started = Date.now()
    await expect(importFeed('/lol.xml')).rejects.toMatchObject({ code: 'invalid_feed' })
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('a feed larger than the limit, a web page and a redirect loop are refused with their own codes', async () => {
    host.set('/huge.xml', {
      body: `<rss><channel><title>${'x'.repeat(300_000)}</title></channel></rss>`,
      type: 'application/rss+xml',
    })
    await expect(importFeed('/huge.xml')).rejects.toMatchObject({ code: 'file_too_large' })
    host.set('/page.xml', { body: '<!DOCTYPE html><html><body>Log in</body></html>', type: 'text/html' })
    await expect(importFeed('/page.xml')).rejects.toMatchObject({ code: 'invalid_feed' })
    host.set('/loop.xml', { redirect: '/loop.xml' })
    await expect(importFeed('/loop.xml')).rejects.toMatchObject({
      code: 'fetch_failed',
      message: expect.stringMatching(/redirect/),
    })
    await expect(lib.call('podcast.show', {}, lib.as('ana'))).rejects.toMatchObject({ code: 'not_found' })
  })

  it('bad items get their own errors and the rest of the feed goes on: a redirect loop, a stalled server, non-JSON chapters, script in the notes', async () => {
    host.set('/media/loop.mp3', { redirect: '/media/loop.mp3' })
    host.set('/media/stall.mp3', { stall: true })
    host.set('/media/chapters.json', { body: '<html>not json</html>', type: 'text/html' })
    const ok = statSync(join(files, 'ok.mp3')).size
    const xml = feedXml({ title: 'Hostile Show' }, [
      {
        guid: 'loop',
        title: 'Loop',
        pubDate: 'Mon, 02 Mar 2026 06:00:00 GMT',
        enclosure: { url: `${host.origin}/media/loop.mp3`, length: 10, type: 'audio/mpeg' },
      },
      {
        guid: 'stall',
        title: 'Stall',
        pubDate: 'Tue, 03 Mar 2026 06:00:00 GMT',
        enclosure: { url: `${host.origin}/media/stall.mp3`, length: 10, type: 'audio/mpeg' },
      },
      {
        guid: 'fine',
        title: 'Fine',
        pubDate: 'Wed, 04 Mar 2026 06:00:00 GMT',
        enclosure: { url: `${host.origin}/media/ok.mp3`, length: ok, type: 'audio/mpeg' },
        notes:
          '<p onmouseover="x()">Hello <a href="javascript:steal()">there</a></p><script>document.cookie</script><iframe src="https://evil.example"></iframe>',
        extra: `<podcast:chapters url="${host.origin}/media/chapters.json" type="application/json+chapters"/>`,
      },
    ])
    host.set('/hostile.xml', { body: xml, type: 'application/rss+xml' })
    const report = await importFeed('/hostile.xml')
    const byGuid = new Map(report.items.map((i) => [i.guid, i]))
    expect(byGuid.get('loop')).toMatchObject({ status: 'draft', errors: [{ code: 'fetch_failed' }] })
    expect(byGuid.get('stall')).toMatchObject({ status: 'draft', errors: [{ code: 'fetch_failed' }] })
    expect(byGuid.get('stall')?.errors[0]?.message).toMatch(/sent nothing/)
    expect(byGuid.get('fine')).toMatchObject({ status: 'done', errors: [{ code: 'invalid_chapters' }] })
    expect(report.failed).toBe(3)
    const episodes = await lib.call('episodes.list', {}, lib.as('ana'))
    const fine = episodes.find((e) => e.guid === 'fine')
    expect(fine?.published).toBe('2026-03-04T06:00:00.000Z')
    const body = JSON.stringify(
      (await lib.call('episodes.show', { id: fine?.id as number }, lib.as('ana'))).body,
    )
    expect(body).not.toMatch(/javascript|onmouseover|script|cookie|iframe|evil/)
    expect(body).toContain('Hello there')
    expect(
      episodes
        .filter((e) => e.published === null)
        .map((e) => e.guid)
        .sort(),
    ).toEqual(['loop', 'stall'])
    // One audio in the library (the good one); nothing partial left under a real name or in staging.
    const media = await lib.call('media.list', {}, lib.as('ana'))
    expect(media.filter((m) => m.type === 'audio')).toHaveLength(1)
    expect(files_in_staging().filter((name) => name.endsWith('.part'))).toEqual([])
  })

  it('a file path is never taken over the network, and loopback is refused there unless allowed', async () => {
    const remote = { ...lib.as('cy'), remote: true }
    await expect(lib.call('podcast.import', { feed: victim }, remote)).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(
      lib.call('podcast.import', { feed: `${host.origin}/hostile.xml`, dryRun: true }, remote),
    ).rejects.toMatchObject({ code: 'address_refused' })
    await expect(
      lib.call('podcast.import', { feed: 'http://[::ffff:127.0.0.1]:9/x.xml', dryRun: true }, remote),
    ).rejects.toMatchObject({ code: 'address_refused' })
    await expect(
      lib.call('podcast.import', { feed: 'http://localhost:9/x.xml', dryRun: true }, remote),
    ).rejects.toMatchObject({ code: 'address_refused' })
    await expect(
      lib.call('podcast.import', { feed: 'ftp://example.org/x.xml', dryRun: true }, remote),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })
})
