import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FeedImportReport } from '../../../src/shared/api/feeds.api'
import { makeAudio, makeDir, makeVideo } from '../../helpers/media-fixtures'
import { CLI } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary } from '../../helpers/test-library'
import { cli } from '../storage/support/cli-async'
import { feedXml } from './support/feed-fixtures'
import { type FeedServer, startFeedServer } from './support/feed-server'

const SRT = '1\n00:00:00,000 --> 00:00:01,200\nHello from Castopod.\n'
const P20_JSON = JSON.stringify({
  version: '1.0.0',
  segments: [{ speaker: 'Ana', startTime: 0.5, endTime: 1.5, body: 'Hello from django-cast.' }],
})

/** Feeds shaped like Apple's sample, Podlove Publisher (psc:chapters), Castopod and django-cast. */
describe('feeds of the major hosts and generators', () => {
  const root = tempDir('castdesk-host-feeds-')
  const files = makeDir(root, 'files')
  let host: FeedServer
  const len = (name: string) => statSync(join(files, name)).size

  beforeAll(async () => {
    host = await startFeedServer()
    for (const [name, freq] of [
      ['podlove.mp3', 300],
      ['castopod.mp3', 400],
      ['djcast.mp3', 500],
      ['apple.m4a', 600],
      ['late.mp3', 700],
    ] as const) {
      makeAudio(join(files, name), name.endsWith('m4a') ? 'm4a' : 'mp3', { seconds: 3, frequency: freq })
      host.set(`/media/${name}`, {
        file: join(files, name),
        type: name.endsWith('m4a') ? 'audio/x-m4a' : 'audio/mpeg',
      })
    }
    makeVideo(join(files, 'clip.mp4'), { seconds: 1 })
    host.set('/media/clip.mp4', { file: join(files, 'clip.mp4'), type: 'video/mp4' })
    host.set('/media/castopod.srt', { body: SRT, type: 'application/x-subrip' })
    host.set('/media/djcast.json', { body: P20_JSON, type: 'application/json' })
  })

  it('reads Podlove chapters, Castopod SRT and django-cast JSON transcripts, an Apple item without a GUID and a video enclosure', async () => {
    const { call, as } = await openTestLibrary(join(root, 'lib'))
    const o = host.origin
    host.set('/feed.xml', {
      type: 'application/rss+xml',
      body: feedXml({ title: 'Many Hosts' }, [
        {
          guid: 'podlove-abc',
          title: 'Podlove episode',
          pubDate: 'Mon, 02 Mar 2026 06:00:00 +0000',
          enclosure: { url: `${o}/media/podlove.mp3`, length: len('podlove.mp3'), type: 'audio/mpeg' },
          extra:
            '<psc:chapters version="1.2"><psc:chapter start="00:00:01.500" title="Flour" href="https://example.org/flour"/><psc:chapter start="00:00:00.000" title="Intro"/></psc:chapters>',
        },
        {
          guid: 'castopod-1',
          title: 'Castopod episode',
          pubDate: 'Tue, 03 Mar 2026 06:00:00 +0000',
          enclosure: { url: `${o}/media/castopod.mp3`, length: len('castopod.mp3'), type: 'audio/mpeg' },
          extra: `<podcast:season>2</podcast:season><podcast:episode>7</podcast:episode><podcast:transcript url="${o}/media/castopod.srt" type="application/x-subrip"/>`,
        },
        {
          guid: 'djcast-9',
          title: 'django-cast episode',
          pubDate: 'Wed, 04 Mar 2026 06:00:00 +0000',
          enclosure: { url: `${o}/media/djcast.mp3`, length: len('djcast.mp3'), type: 'audio/mpeg' },
          extra: `<podcast:transcript url="${o}/media/djcast.json" type="application/json"/>`,
        },
        {
          guid: null,
          title: 'Apple sample',
          pubDate: 'Thu, 05 Mar 2026 06:00:00 -0800',
          enclosure: { url: `${o}/media/apple.m4a`, length: len('apple.m4a'), type: 'audio/x-m4a' },
        },
        {
          guid: 'video-1',
          title: 'A video',
          pubDate: 'Fri, 06 Mar 2026 06:00:00 +0000',
          enclosure: { url: `${o}/media/clip.mp4`, length: len('clip.mp4'), type: 'video/mp4' },
        },
      ]),
    })
    const report = (await call('podcast.import', { feed: `${o}/feed.xml` }, as('ana'))) as FeedImportReport
    expect(report.failed).toBe(0)
    const episodes = await call('episodes.list', {}, as('ana'))
    const find = (title: string) => episodes.find((e) => e.title === title)
    const audioOf = async (title: string) => {
      const item = await call('media.show', { id: find(title)?.audio as number }, as('ana'))
      if (item.type !== 'audio') throw new Error('not audio')
      return item
    }
    expect((await audioOf('Podlove episode')).chapters.map((c) => [c.start_ms, c.title, c.link])).toEqual([
      [0, 'Intro', null],
      [1500, 'Flour', 'https://example.org/flour'],
    ])
    expect(find('Castopod episode')).toMatchObject({ season: 2, number: 7 })
    const castopod = await call('audio.transcript', { id: (await audioOf('Castopod episode')).id }, as('ana'))
    expect(castopod).toMatchObject({ format: 'srt', cues: 1 })
    const djcast = await call(
      'audio.transcript',
      { id: (await audioOf('django-cast episode')).id },
      as('ana'),
    )
    expect(djcast).toMatchObject({ format: 'podcasting2', cues: 1, speakers: ['Ana'] })
    const apple = find('Apple sample')
    expect(apple?.published).toBe('2026-03-05T14:00:00.000Z')
    expect((await audioOf('Apple sample')).files.map((f) => f.format)).toEqual(['m4a'])
    const video = await call('episodes.show', { id: find('A video')?.id as number }, as('ana'))
    expect(video.audio).toBeNull()
    expect(video.body[0]?.type).toBe('video')
    // The item without a GUID is matched by its enclosure URL on the next run.
    const again = (await call('podcast.import', { feed: `${o}/feed.xml` }, as('ana'))) as FeedImportReport
    expect(again.items.map((i) => i.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ])
    expect((await call('episodes.list', {}, as('ana'))).length).toBe(5)
  })

  it('a killed import resumes: finished episodes are not fetched again and no partial file is left', async () => {
    const library = join(root, 'killed')
    const env = { CASTDESK_LIBRARY: library, CASTDESK_USER: 'ana' }
    expect((await cli(['init'], env)).code).toBe(0)
    host.set('/media/late.mp3', { stall: true })
    host.set('/killed.xml', {
      type: 'application/rss+xml',
      body: feedXml({ title: 'Killed Show' }, [
        {
          guid: 'k-1',
          title: 'Arrives',
          pubDate: 'Mon, 02 Mar 2026 06:00:00 +0000',
          enclosure: {
            url: `${host.origin}/media/podlove.mp3`,
            length: len('podlove.mp3'),
            type: 'audio/mpeg',
          },
        },
        {
          guid: 'k-2',
          title: 'Stalls',
          pubDate: 'Tue, 03 Mar 2026 06:00:00 +0000',
          enclosure: { url: `${host.origin}/media/late.mp3`, length: len('late.mp3'), type: 'audio/mpeg' },
        },
      ]),
    })
    const child = spawn(process.execPath, [CLI, 'podcast', 'import', `${host.origin}/killed.xml`], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    const done = () => {
      try {
        const db = new Database(join(library, 'library.sqlite'), { readonly: true, fileMustExist: true })
        try {
          return db
            .prepare("SELECT count(*) AS n FROM feed_import_items WHERE media_state = 'done'")
            .get() as { n: number }
        } finally {
          db.close()
        }
      } catch {
        return { n: 0 }
      }
    }
    const deadline = Date.now() + 30_000
    while ((done().n < 1 || !host.requests.includes('GET /media/late.mp3')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100))
    expect(done().n).toBe(1)
    child.kill('SIGKILL')
    await exited
    const staged = (dir: string): string[] => {
      try {
        return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? staged(join(dir, e.name)) : [e.name],
        )
      } catch {
        return []
      }
    }
    expect(
      staged(join(library, 'media')).filter((name) => name.includes('late') || name.endsWith('.part')),
    ).toEqual([])
    host.set('/media/late.mp3', { file: join(files, 'late.mp3'), type: 'audio/mpeg' })
    const before = host.requests.filter((r) => r === 'GET /media/podlove.mp3').length
    const result = await cli(['--json', 'podcast', 'import', `${host.origin}/killed.xml`], env)
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as FeedImportReport
    expect(report.items.map((i) => [i.guid, i.action, i.status])).toEqual([
      ['k-2', 'resume', 'done'],
      ['k-1', 'unchanged', 'done'],
    ])
    expect(host.requests.filter((r) => r === 'GET /media/podlove.mp3').length).toBe(before)
    expect(staged(join(library, 'tmp')).filter((name) => name.endsWith('.part'))).toEqual([])
  })
})
