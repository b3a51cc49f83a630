import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FeedImportReport } from '../../../src/shared/api/feeds.api'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { feedXml } from './support/feed-fixtures'
import { type FeedServer, startFeedServer } from './support/feed-server'

const HOSTS = `
  <podcast:person href="https://example.org/ana" img="https://example.org/ana.jpg">Ana Baker</podcast:person>
  <podcast:person role="co-host">Ben</podcast:person>`
const FUNDING = '<podcast:funding url="https://example.org/support">Support the show</podcast:funding>'
const LOCK = '<podcast:locked owner="ana@example.org">yes</podcast:locked>'

/**
 * A Castopod-shaped feed with Podcasting 2.0 hosts, guests, funding and lock: each kept on import,
 * and on a re-run updated when the feed changed, kept and reported when the user edited it.
 */
describe('podcast import: podcast:person, podcast:funding, podcast:locked', () => {
  const root = tempDir('castdesk-feed-people-')
  let host: FeedServer
  let lib: TestLibrary
  const publish = (channel: string, guest: string) =>
    host.set('/feed.xml', {
      type: 'application/rss+xml',
      body: feedXml({ title: 'Kitchen Radio', extra: channel }, [
        {
          guid: 'castopod-1',
          title: 'Rye with Carla',
          pubDate: 'Mon, 02 Mar 2026 06:00:05 GMT',
          extra: `<podcast:person role="guest" href="https://example.org/carla">${guest}</podcast:person>`,
        },
        { guid: 'castopod-2', title: 'Spelt', pubDate: 'Mon, 09 Mar 2026 06:00:05 GMT' },
      ]),
    })
  const run = () =>
    lib.call(
      'podcast.import',
      { feed: `${host.origin}/feed.xml` },
      lib.as('ana'),
    ) as Promise<FeedImportReport>
  const guests = async () =>
    (await lib.call('episodes.list', {}, lib.as('ana'))).map((e) => [e.title, e.persons.map((p) => p.name)])

  beforeAll(async () => {
    host = await startFeedServer()
    lib = await openTestLibrary(join(root, 'lib'))
  })

  it('keeps the hosts, funding and lock on the podcast and the guests on their episode', async () => {
    publish(`${HOSTS}${FUNDING}${LOCK}`, 'Carla Diaz')
    const report = await run()
    expect(report.failed).toBe(0)
    expect(report.not_kept.join('\n')).not.toMatch(/person|funding|locked/)
    expect(report.warnings).toEqual([
      expect.stringMatching(/locked \(owner ana@example\.org\).*only if this is your show/),
    ])
    const podcast = await lib.call('podcast.show', {}, lib.as('ana'))
    expect(podcast.persons).toEqual([
      {
        name: 'Ana Baker',
        role: 'host',
        group: 'cast',
        img: 'https://example.org/ana.jpg',
        href: 'https://example.org/ana',
      },
      { name: 'Ben', role: 'co-host', group: 'cast', img: '', href: '' },
    ])
    expect(podcast.funding).toEqual([{ url: 'https://example.org/support', text: 'Support the show' }])
    expect(podcast.locked).toEqual({ locked: true, owner: 'ana@example.org' })
    const rye = (await lib.call('episodes.list', {}, lib.as('ana'))).find((e) => e.guid === 'castopod-1')
    expect(rye?.persons).toEqual([
      { name: 'Carla Diaz', role: 'guest', group: 'cast', img: '', href: 'https://example.org/carla' },
    ])
    expect(await guests()).toEqual([
      ['Spelt', []],
      ['Rye with Carla', ['Carla Diaz']],
    ])
    const again = await run()
    expect(again.podcast.action).toBe('unchanged')
    expect(again.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged'])
  })

  it('a re-run updates what changed in the feed and keeps (reports) what the user edited since', async () => {
    // Edited in Castdesk: the funding links and the guest's name.
    await lib.call(
      'podcast.update',
      { funding: [{ url: 'https://example.org/tip-jar', text: 'Tip jar' }] },
      lib.as('ana'),
    )
    const rye = (await lib.call('episodes.list', {}, lib.as('ana'))).find((e) => e.guid === 'castopod-1')
    const carla = { name: 'Carla D.', role: 'guest', group: 'cast', img: '', href: '' }
    await lib.call('episodes.update', { id: rye?.id as number, persons: [carla] }, lib.as('ana'))
    // Changed in the feed: a new host, other funding, the lock lifted, the guest renamed.
    publish(
      `${HOSTS}<podcast:person>Dora</podcast:person>${FUNDING.replace('Support', 'Back')}<podcast:locked>no</podcast:locked>`,
      'Carla Diaz-Ruiz',
    )
    const report = await run()
    expect(report.podcast).toMatchObject({ fields: ['persons', 'locked'], conflicts: ['funding'] })
    expect(report.warnings).toEqual([])
    const item = report.items.find((i) => i.guid === 'castopod-1')
    expect(item).toMatchObject({ action: 'unchanged', fields: [], conflicts: ['persons'] })
    const podcast = await lib.call('podcast.show', {}, lib.as('ana'))
    expect(podcast.persons.map((p) => p.name)).toEqual(['Ana Baker', 'Ben', 'Dora'])
    expect(podcast.funding).toEqual([{ url: 'https://example.org/tip-jar', text: 'Tip jar' }])
    expect(podcast.locked).toEqual({ locked: false, owner: '' })
    expect(await guests()).toEqual([
      ['Spelt', []],
      ['Rye with Carla', ['Carla D.']],
    ])
  })
})
