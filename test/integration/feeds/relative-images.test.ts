import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { feedXml } from './support/feed-fixtures'
import { type FeedServer, startFeedServer } from './support/feed-server'

/**
 * Show notes with relative image URLs (WordPress and django-cast write them): resolved against the
 * item's link, else the channel's, downloaded into the library and shown as images.
 */
describe('podcast import: relative images in show notes', () => {
  const root = tempDir('castdesk-feed-relative-')
  const files = makeDir(root, 'files')
  let host: FeedServer
  let lib: TestLibrary

  beforeAll(async () => {
    host = await startFeedServer()
    lib = await openTestLibrary(join(root, 'lib'))
    await makeImage(join(files, 'crumb.png'), 'png', { width: 320, height: 200, seed: 5 })
    await makeImage(join(files, 'oven.jpg'), 'jpeg', { width: 320, height: 240, seed: 6 })
    host.set('/blog/2026/crumb.png', { file: join(files, 'crumb.png'), type: 'image/png' })
    host.set('/show/oven.jpg', { file: join(files, 'oven.jpg'), type: 'image/jpeg' })
    const items = [
      {
        guid: 'with-link',
        title: 'Crumb',
        pubDate: 'Mon, 02 Mar 2026 06:00:00 GMT',
        notes: '<p>Look at the crumb.</p><img src="crumb.png" alt="Crumb">',
        extra: `<link>${host.origin}/blog/2026/episode-one</link>`,
      },
      {
        guid: 'no-link',
        title: 'Oven',
        pubDate: 'Tue, 03 Mar 2026 06:00:00 GMT',
        notes: '<p>The oven.</p><img src="oven.jpg" alt="Oven"><img src="data:image/png;base64,AAAA">',
      },
    ]
    host.set('/feed.xml', {
      body: feedXml({ title: 'Crumb Radio', link: `${host.origin}/show/` }, items),
      type: 'application/rss+xml',
    })
  })

  it("resolves them against the item's link, else the channel's, and imports them as images", async () => {
    const plan = await lib.call(
      'podcast.import',
      { feed: `${host.origin}/feed.xml`, dryRun: true },
      lib.as('ana'),
    )
    expect(plan.items.flatMap((i) => i.downloads.map((d) => d.url)).sort()).toEqual([
      `${host.origin}/blog/2026/crumb.png`,
      `${host.origin}/show/oven.jpg`,
    ])
    const report = await lib.call('podcast.import', { feed: `${host.origin}/feed.xml` }, lib.as('ana'))
    expect(report.failed).toBe(0)
    const episodes = await lib.call('episodes.list', {}, lib.as('ana'))
    for (const [guid, height] of [
      ['with-link', 200],
      ['no-link', 240],
    ] as const) {
      const id = episodes.find((e) => e.guid === guid)?.id as number
      const episode = await lib.call('episodes.show', { id }, lib.as('ana'))
      const images = episode.body.flatMap((b) => (b.type === 'image' ? [b.image] : []))
      expect(images).toHaveLength(1)
      const image = await lib.call('media.show', { id: images[0] as number }, lib.as('ana'))
      expect(image).toMatchObject({ type: 'image', width: 320, height })
    }
    expect(host.requests).toContain('GET /blog/2026/crumb.png')
    expect(host.requests).toContain('GET /show/oven.jpg')
  })
})
