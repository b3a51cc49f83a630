import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FeedImportReport } from '../../../src/shared/api/feeds.api'
import type { EpisodeSummary } from '../../../src/shared/api/podcasts.api'
import type { MediaItem } from '../../../src/shared/media'
import { makeAudio, makeDir } from '../../helpers/media-fixtures'
import { CLI } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { serveTestLibrary } from '../server/server-fixture'
import { cli } from '../storage/support/cli-async'
import { type FixtureItem, feedXml } from './support/feed-fixtures'
import { type FeedServer, startFeedServer } from './support/feed-server'

/** Every file name under `dir` (recursively). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [entry.name],
    )
  } catch {
    return []
  }
}

/**
 * Cancel through the real server: a host that sends four of six enclosures very slowly; once the
 * two fast episodes are in, POST /api/podcast/import/cancel stops the running import. The import
 * request answers with its report, finished episodes stay, no partial file is left, and the next
 * import resumes the rest without fetching the finished ones again.
 */
describe('REST: cancelling a running feed import', () => {
  const root = tempDir('castdesk-feed-cancel-')
  const files = makeDir(root, 'files')
  let host: FeedServer
  let items: FixtureItem[]

  beforeAll(async () => {
    host = await startFeedServer()
    items = []
    for (let n = 1; n <= 6; n++) {
      const name = `ep${n}.mp3`
      makeAudio(join(files, name), 'mp3', { seconds: 3, frequency: 300 + n * 50 })
      const slow = n > 2
      host.set(
        `/media/${name}`,
        slow
          ? { trickle: join(files, name), type: 'audio/mpeg', bytes: 64, everyMs: 100 }
          : { file: join(files, name), type: 'audio/mpeg' },
      )
      items.push({
        guid: `slow-show-${n}`,
        title: `Episode ${n}`,
        // Newest first: episodes 1 and 2 are imported first (three at a time).
        pubDate: new Date(Date.UTC(2026, 2, 20 - n, 6)).toUTCString(),
        enclosure: {
          url: `${host.origin}/media/${name}`,
          length: statSync(join(files, name)).size,
          type: 'audio/mpeg',
        },
      })
    }
    host.set('/feed.xml', { body: feedXml({ title: 'Slow Host' }, items), type: 'application/rss+xml' })
  })

  it('stops the import: finished episodes stay, nothing partial is kept, and the next run resumes', async () => {
    const library = join(root, 'lib')
    const served = await serveTestLibrary(library, { feedImport: { allowPrivateNetworks: true } })
    const ana = await served.user('ana')
    const post = (path: string, body: unknown) =>
      fetch(`${served.url}${path}`, {
        method: 'POST',
        headers: { ...ana.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const episodes = async () =>
      (await (await post('/api/call/episodes.list', {})).json()) as EpisodeSummary[]

    expect(await (await post('/api/podcast/import/cancel', {})).json()).toEqual({ cancelled: false })
    const running = post('/api/podcast/import', { url: `${host.origin}/feed.xml` })
    const deadline = Date.now() + 60_000
    const slowStarted = () => host.requests.filter((r) => /GET \/media\/ep[3-6]\.mp3/.test(r)).length
    while (Date.now() < deadline) {
      const done = (await episodes()).filter((e) => e.published !== null).length
      if (done >= 2 && slowStarted() >= 1) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    // A second import while one runs is refused.
    const twice = await post('/api/podcast/import', { url: `${host.origin}/feed.xml` })
    expect(twice.status).toBe(400)
    const cancel = await post('/api/podcast/import/cancel', {})
    expect(cancel.status).toBe(200)
    expect(await cancel.json()).toEqual({ cancelled: true })

    const response = await running
    expect(response.status).toBe(200)
    const report = (await response.json()) as FeedImportReport
    expect(report.cancelled).toBe(true)
    expect(report.failed).toBe(0)
    expect(report.items.map((i) => [i.guid, i.status])).toEqual([
      ['slow-show-1', 'done'],
      ['slow-show-2', 'done'],
      ['slow-show-3', 'cancelled'],
      ['slow-show-4', 'cancelled'],
      ['slow-show-5', 'cancelled'],
      ['slow-show-6', 'cancelled'],
    ])
    for (const item of report.items) expect(item.errors).toEqual([])
    // Only the finished episodes' audio is in the library; no partial download under any name.
    const media = (await (await post('/api/call/media.list', {})).json()) as MediaItem[]
    expect(media.filter((m) => m.type === 'audio')).toHaveLength(2)
    expect(filesUnder(library).filter((name) => name.endsWith('.part'))).toEqual([])
    expect(filesUnder(join(library, 'media')).filter((name) => /episode-[3-6]/.test(name))).toEqual([])
    const listed = await episodes()
    expect(listed.filter((e) => e.published !== null).map((e) => e.guid)).toEqual([
      'slow-show-1',
      'slow-show-2',
    ])

    // The host is fast again: the next run resumes the rest, never fetching 1 and 2 again.
    for (let n = 3; n <= 6; n++)
      host.set(`/media/ep${n}.mp3`, { file: join(files, `ep${n}.mp3`), type: 'audio/mpeg' })
    const fetchedBefore = host.requests.filter((r) => /GET \/media\/ep[12]\.mp3/.test(r)).length
    const again = (await (
      await post('/api/podcast/import', { url: `${host.origin}/feed.xml` })
    ).json()) as FeedImportReport
    expect(again.cancelled).toBe(false)
    expect(again.items.map((i) => [i.guid, i.action, i.status])).toEqual([
      ['slow-show-1', 'unchanged', 'done'],
      ['slow-show-2', 'unchanged', 'done'],
      ['slow-show-3', 'resume', 'done'],
      ['slow-show-4', 'resume', 'done'],
      ['slow-show-5', 'resume', 'done'],
      ['slow-show-6', 'new', 'done'],
    ])
    expect(host.requests.filter((r) => /GET \/media\/ep[12]\.mp3/.test(r)).length).toBe(fetchedBefore)
    expect((await episodes()).filter((e) => e.published !== null)).toHaveLength(6)
  })

  it('the CLI stops cleanly on Ctrl-C: the report says cancelled, exit 1, and the next run resumes', async () => {
    for (let n = 3; n <= 6; n++)
      host.set(`/media/ep${n}.mp3`, {
        trickle: join(files, `ep${n}.mp3`),
        type: 'audio/mpeg',
        bytes: 64,
        everyMs: 100,
      })
    const library = join(root, 'cli')
    const env = { CASTDESK_LIBRARY: library, CASTDESK_USER: 'ana' }
    expect((await cli(['init'], env)).code).toBe(0)
    const slowBefore = host.requests.filter((r) => /GET \/media\/ep[3-6]\.mp3/.test(r)).length
    const child = spawn(process.execPath, [CLI, '--json', 'podcast', 'import', `${host.origin}/feed.xml`], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    const deadline = Date.now() + 60_000
    const progressed = () => (stdout.match(/"progress"/g) ?? []).length
    while (
      (progressed() < 2 ||
        host.requests.filter((r) => /GET \/media\/ep[3-6]\.mp3/.test(r)).length <= slowBefore) &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 100))
    child.kill('SIGINT')
    expect(await exited).toBe(1)
    expect(stderr).toMatch(/Stopped on request/)
    const report = JSON.parse(stdout.trim().split('\n').at(-1) as string) as FeedImportReport
    expect(report.cancelled).toBe(true)
    expect(report.items.filter((i) => i.status === 'done').map((i) => i.guid)).toEqual([
      'slow-show-1',
      'slow-show-2',
    ])
    expect(filesUnder(library).filter((name) => name.endsWith('.part'))).toEqual([])
    for (let n = 3; n <= 6; n++)
      host.set(`/media/ep${n}.mp3`, { file: join(files, `ep${n}.mp3`), type: 'audio/mpeg' })
    const again = await cli(['--json', 'podcast', 'import', `${host.origin}/feed.xml`], env)
    expect(again.code).toBe(0)
    const resumed = JSON.parse(again.stdout.trim().split('\n').at(-1) as string) as FeedImportReport
    expect(resumed.items.map((i) => i.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done'])
    expect(resumed.items.filter((i) => i.action === 'unchanged')).toHaveLength(2)
  })
})
