import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MARKER_KEY } from '../src/main/storage/reserved-keys'
import type { FeedImportReport } from '../src/shared/api/feeds.api'
import { ERROR_CODES } from '../src/shared/errors'
import { makeAudio, makeDir } from '../test/helpers/media-fixtures'
import { tempDir } from '../test/helpers/temp-dir'
import { feedXml } from '../test/integration/feeds/support/feed-fixtures'
import { type FeedServer, startFeedServer } from '../test/integration/feeds/support/feed-server'
import { cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure, Tally } from './lib/figures'

/**
 * 6. Hostile feeds, each imported by the real CLI from a local host: an external entity, entity
 * expansion, a 1 GB feed (announced and not), a redirect loop, a stalling server, truncated and
 * HTML enclosures, chapters that are not JSON, script in the show notes. Each is refused or
 * survived: a clear error (a code other than `internal`, a sentence), no crash, nothing
 * half-imported (no draft episode claiming media, no partial file, the good episode intact).
 */
const GB = 1024 * 1024 * 1024
const tally = new Tally()
const root = tempDir('castdesk-reliability-feeds-')
const files = makeDir(root, 'files')
const victim = join(root, 'victim.txt')
let host: FeedServer
let n = 0

interface Run {
  code: number | null
  ms: number
  report: FeedImportReport | null
  error: { code: string; message: string } | null
}

async function importFeed(path: string): Promise<Run & { library: string }> {
  const library = join(root, `lib-${++n}`)
  cliOk(['--library', library, 'init'])
  writeFileSync(join(library, 'castdesk.config.json'), JSON.stringify({ feedImport: { stallSeconds: 2 } }))
  const run = await runCliProcess(
    ['--library', library, '--user', 'ann', '--json', 'podcast', 'import', `${host.origin}${path}`],
    {
      timeoutMs: 120_000,
    },
  )
  const out = run.stdout.trim()
  let last: (FeedImportReport & { error?: Run['error'] }) | null
  try {
    last = JSON.parse(out)
  } catch {
    last = JSON.parse(out.split('\n').at(-1) || 'null')
  }
  return {
    library,
    code: run.code,
    ms: run.ms,
    report: last?.error ? null : last,
    error: last?.error ?? null,
  }
}

function clear(error: { code?: string; message?: string } | null | undefined): string[] {
  if (!error) return ['no error given']
  const problems: string[] = []
  if (!error.code || !(ERROR_CODES as readonly string[]).includes(error.code) || error.code === 'internal')
    problems.push(`unclear code ${error.code}`)
  if (!error.message || error.message.length < 20) problems.push(`message too short: ${error.message}`)
  if (/\n\s+at /.test(error.message ?? '')) problems.push('message carries a stack trace')
  return problems
}

/** Files under the library's media and tmp folders, and its episodes. */
function contents(library: string): {
  files: string[]
  episodes: Array<{ guid: string; published: string | null; audio: number | null; body: string }>
} {
  const walk = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      )
    } catch {
      return []
    }
  }
  const db = new Database(join(library, 'library.sqlite'), { readonly: true })
  try {
    const episodes = db
      .prepare('SELECT guid, published, audio_id AS audio, body FROM episodes')
      .all() as ReturnType<typeof contents>['episodes']
    // The storage's marker (written by `init`) is not a file the import left; a partial write
    // under `.castdesk-tmp/` or anything else still is.
    const media = join(library, 'media')
    const mediaFiles = walk(media).filter((file) => relative(media, file).split(sep).join('/') !== MARKER_KEY)
    return { files: [...mediaFiles, ...walk(join(library, 'tmp'))], episodes }
  } finally {
    db.close()
  }
}

/** A refused feed: exit 1, a clear error, no episode and no file. */
function refused(run: Run & { library: string }, code: string, maxMs: number): string[] {
  const problems = clear(run.error)
  if (run.code !== 1) problems.push(`exit ${run.code}`)
  if (run.error?.code !== code) problems.push(`code ${run.error?.code}, expected ${code}`)
  if (run.ms > maxMs) problems.push(`took ${Math.round(run.ms)} ms`)
  const { files: left, episodes } = contents(run.library)
  if (left.length) problems.push(`files left: ${left.join(', ')}`)
  if (episodes.length) problems.push(`${episodes.length} episodes imported`)
  return problems
}

describe('6. hostile feeds', () => {
  beforeAll(async () => {
    host = await startFeedServer()
    expect(victim.startsWith(root)).toBe(true)
    writeFileSync(victim, 'SECRET-VICTIM-CONTENT')
    makeAudio(join(files, 'ok.mp3'), 'mp3', { seconds: 2 })
    host.set('/media/ok.mp3', { file: join(files, 'ok.mp3'), type: 'audio/mpeg' })
  })

  it('refuses hostile feeds at once', async () => {
    host.set('/xxe.xml', {
      type: 'application/rss+xml',
      body: `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://${victim}">]>\n<rss version="2.0"><channel><title>&xxe;</title></channel></rss>`,
    })
    await tally.attempt('external entity', async () => {
      const run = await importFeed('/xxe.xml')
      const problems = refused(run, 'invalid_feed', 30_000)
      const db = readFileSync(join(run.library, 'library.sqlite'))
      if (db.includes('SECRET-VICTIM-CONTENT')) problems.push('the victim file was read into the library')
      return problems
    })
    const lol = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ]
    host.set('/lol.xml', {
      type: 'application/rss+xml',
      body: `<?xml version="1.0"?>\n<!DOCTYPE lolz [${lol.join('')}]>\n<rss><channel><title>&lol9;</title></channel></rss>`,
    })
    await tally.attempt('billion laughs', async () =>
      refused(await importFeed('/lol.xml'), 'invalid_feed', 30_000),
    )
    const announced = { bytes: 0 }
    host.set('/gb.xml', { huge: GB, sent: announced })
    await tally.attempt('1 GB feed (announced)', async () => {
      const problems = refused(await importFeed('/gb.xml'), 'file_too_large', 30_000)
      if (announced.bytes > 100 * 1024 * 1024)
        problems.push(`${announced.bytes} bytes were sent before it stopped`)
      return problems
    })
    const chunked = { bytes: 0 }
    host.set('/gb-chunked.xml', { huge: GB, chunked: true, sent: chunked })
    await tally.attempt('1 GB feed (chunked)', async () => {
      const problems = refused(await importFeed('/gb-chunked.xml'), 'file_too_large', 60_000)
      if (chunked.bytes > 200 * 1024 * 1024)
        problems.push(`${chunked.bytes} bytes were sent before it stopped`)
      return problems
    })
    host.set('/loop.xml', { redirect: '/loop.xml' })
    await tally.attempt('redirect loop', async () =>
      refused(await importFeed('/loop.xml'), 'fetch_failed', 30_000),
    )
    host.set('/stall.xml', { stall: true })
    await tally.attempt('stalling server', async () =>
      refused(await importFeed('/stall.xml'), 'fetch_failed', 30_000),
    )
  })

  it('survives hostile items: each its own error, the good episode intact, nothing half-imported', async () => {
    host.set('/media/truncated.mp3', { truncate: true, type: 'audio/mpeg' })
    host.set('/media/login.mp3', {
      body: '<!DOCTYPE html><html><body>Log in</body></html>',
      type: 'text/html',
    })
    host.set('/media/chapters.json', { body: 'Chapter 1 at 00:00', type: 'application/json' })
    const ok = statSync(join(files, 'ok.mp3')).size
    const item = (guid: string, url: string, extra = '', notes?: string) => ({
      guid,
      title: guid,
      pubDate: 'Mon, 02 Mar 2026 06:00:00 GMT',
      enclosure: { url: `${host.origin}${url}`, length: 1000, type: 'audio/mpeg' },
      extra,
      notes,
    })
    host.set('/items.xml', {
      type: 'application/rss+xml',
      body: feedXml({ title: 'Hostile Items' }, [
        item('truncated', '/media/truncated.mp3'),
        item('html', '/media/login.mp3'),
        {
          ...item(
            'good',
            '/media/ok.mp3',
            `<podcast:chapters url="${host.origin}/media/chapters.json" type="application/json+chapters"/>`,
            '<p onclick="x()">Fine <a href="javascript:alert(1)">notes</a></p><script>alert(1)</script>',
          ),
          enclosure: { url: `${host.origin}/media/ok.mp3`, length: ok, type: 'audio/mpeg' },
        },
      ]),
    })
    const run = await importFeed('/items.xml')
    const byGuid = new Map((run.report?.items ?? []).map((i) => [i.guid, i]))
    const { files: stored, episodes } = contents(run.library)
    const episode = (guid: string) => episodes.find((e) => e.guid === guid)
    const draftWithError = (guid: string, code: string) => () => {
      const problems = clear(byGuid.get(guid)?.errors[0])
      if (byGuid.get(guid)?.errors[0]?.code !== code)
        problems.push(`code ${byGuid.get(guid)?.errors[0]?.code}, expected ${code}`)
      const e = episode(guid)
      if (!e || e.published !== null || e.audio !== null)
        problems.push(`episode not a draft without audio: ${JSON.stringify(e)}`)
      return problems
    }
    tally.add('truncated enclosure', draftWithError('truncated', 'fetch_failed')())
    tally.add('HTML enclosure', draftWithError('html', 'unsupported_media')())
    tally.add('chapters that are not JSON', [
      ...clear(byGuid.get('good')?.errors[0]),
      ...(byGuid.get('good')?.errors[0]?.code === 'invalid_chapters' ? [] : ['no invalid_chapters error']),
      ...(episode('good')?.audio ? [] : ['the good episode lost its audio']),
    ])
    tally.add(
      'script in show notes',
      /script|javascript|onclick|alert/.test(episode('good')?.body ?? 'script')
        ? ['the notes kept script']
        : [],
    )
    tally.add('nothing half-imported', [
      ...(run.code === 1 ? [] : [`exit ${run.code}`]),
      ...stored.filter((f) => f.endsWith('.part') || /truncated|login/.test(f)).map((f) => `left ${f}`),
      ...(stored.filter((f) => f.includes('cast_audio')).length === 1
        ? []
        : [`${stored.filter((f) => f.includes('cast_audio')).length} audio files stored`]),
    ])
  })

  afterAll(() => {
    recordFigure({
      section: 'feeds',
      name: 'hostile feeds',
      measure: 'feeds handled / tried',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
    })
    expect(tally.failures).toEqual([])
  })
})
