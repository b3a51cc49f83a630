import { statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FeedImportReport } from '../../../src/shared/api/feeds.api'
import { makeAudio, makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { serveTestLibrary } from '../server/server-fixture'
import { feedXml } from './support/feed-fixtures'
import { type FeedServer, startFeedServer } from './support/feed-server'

/**
 * POST /api/podcast/import through the real server: scoped to the token's user, loopback refused
 * (a request from the network must not reach this machine) unless feedImport.allowPrivateNetworks.
 */
describe('REST: POST /api/podcast/import', () => {
  const root = tempDir('castdesk-feed-rest-')
  const files = makeDir(root, 'files')
  let host: FeedServer

  beforeAll(async () => {
    host = await startFeedServer()
    makeAudio(join(files, 'ep1.mp3'), 'mp3', { seconds: 2 })
    host.set('/media/ep1.mp3', { file: join(files, 'ep1.mp3'), type: 'audio/mpeg' })
    const length = statSync(join(files, 'ep1.mp3')).size
    host.set('/feed.xml', {
      body: feedXml({ title: 'Over The Wire' }, [
        {
          guid: 'w-1',
          title: 'One',
          pubDate: 'Mon, 02 Mar 2026 06:00:00 GMT',
          enclosure: { url: `${host.origin}/media/ep1.mp3`, length, type: 'audio/mpeg' },
        },
      ]),
      type: 'application/rss+xml',
    })
  })

  const post = (url: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${url}/api/podcast/import`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('refuses loopback without the setting, and a file path or another scheme always', async () => {
    const served = await serveTestLibrary(join(root, 'guarded'))
    const ana = await served.user('ana')
    const refused = await post(served.url, ana.headers, { url: `${host.origin}/feed.xml`, dryRun: true })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({
      code: 'address_refused',
      message: expect.stringMatching(/allowPrivateNetworks/),
    })
    expect((await post(served.url, ana.headers, { url: '/etc/hostname' })).status).toBe(400)
    expect((await post(served.url, ana.headers, { url: 'file:///etc/hostname' })).status).toBe(400)
    const viaCall = await fetch(`${served.url}/api/call/podcast.import`, {
      method: 'POST',
      headers: { ...ana.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ feed: join(root, 'files') }),
    })
    expect(viaCall.status).toBe(400)
    expect(host.requests.filter((r) => r.includes('/feed.xml'))).toEqual([])
  })

  it("imports into the token user's podcast when private networks are allowed", async () => {
    const served = await serveTestLibrary(join(root, 'open'), { feedImport: { allowPrivateNetworks: true } })
    const ana = await served.user('ana')
    const plan = await post(served.url, ana.headers, { url: `${host.origin}/feed.xml`, dryRun: true })
    expect(plan.status).toBe(200)
    expect(((await plan.json()) as FeedImportReport).items.map((i) => i.action)).toEqual(['new'])
    const done = await post(served.url, ana.headers, { url: `${host.origin}/feed.xml` })
    expect(done.status).toBe(200)
    const report = (await done.json()) as FeedImportReport
    expect(report.items[0]).toMatchObject({ guid: 'w-1', status: 'done' })
    const list = await fetch(`${served.url}/api/call/episodes.list`, {
      method: 'POST',
      headers: { ...ana.headers, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(((await list.json()) as Array<{ guid: string }>).map((e) => e.guid)).toEqual(['w-1'])
    const ben = await served.user('ben')
    const bens = await fetch(`${served.url}/api/call/episodes.list`, {
      method: 'POST',
      headers: { ...ben.headers, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(await bens.json()).toEqual([])
  })
})
