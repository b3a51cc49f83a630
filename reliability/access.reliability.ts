import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Call, createDispatcher } from '../src/main/api/dispatch'
import { createHandlers } from '../src/main/api/handlers'
import { actingUser } from '../src/main/api/users.handlers'
import { Library } from '../src/main/library/library'
import { createMediaProtocolHandler } from '../src/main/media-access/media-protocol-handler'
import type { ApiName, CallContext } from '../src/shared/api'
import { makeAudio, makeDir, makeImage, makeVideo } from '../test/helpers/media-fixtures'
import { CLI } from '../test/helpers/run-cli'
import { cliJsonOk, cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure, Tally } from './lib/figures'
import { itemsDigest } from './lib/items-digest'
import { asKey, LEAK_MARKERS, TRAVERSAL_PAYLOADS } from './lib/traversal-payloads'

/**
 * 4. Access. Alice tries to reach Bob's things through every door: the IPC handler layer (the
 * dispatcher and handlers the Electron IPC bridge calls, invoked in-process with Alice's
 * session, as the bridge would), the REST API (a real `castdesk serve`), and the CLI. An attempt
 * is refused when it fails as not found / forbidden (or, for a listing, shows nothing of Bob's)
 * and Bob's items are unchanged. Then path-traversal payloads go at `/media/` and at storage keys.
 */

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-access-'))
const dir = join(root, 'library')
const as = (user: string, ...args: string[]) => ['--library', dir, '--user', user, ...args]
const crossUser = { ipc: new Tally(), rest: new Tally(), cli: new Tally() }
const traversal = { http: new Tally(), keys: new Tally(), protocol: new Tally() }
const REFUSALS = ['not_found', 'forbidden', 'unauthorized']
const BOB_WORD = 'zanzibarsecret'

const bob = {
  image: 0,
  audio: 0,
  video: 0,
  file: 0,
  trashed: 0,
  gallery: 0,
  imageKey: '',
  audioKey: '',
  ids: [] as number[],
}
let library: Library
let call: Call
let alice: CallContext
let server: ReturnType<typeof spawn> | null = null
let url = ''
let aliceToken = ''

const bobDigest = () => itemsDigest(dir, bob.ids)
const leaks = (text: string) =>
  LEAK_MARKERS.filter((m) => text.includes(m)).concat(text.includes(BOB_WORD) ? [BOB_WORD] : [])

async function ipcAttempt(label: string, name: ApiName, input: unknown, listing = false) {
  const before = bobDigest()
  await crossUser.ipc.attempt(`IPC ${label}`, async () => {
    const problems: string[] = []
    try {
      const result = await call(name, input as never, alice)
      const text = JSON.stringify(result)
      if (!listing) problems.push(`answered: ${text.slice(0, 160)}`)
      else if (
        bob.ids.some((id) => new RegExp(`"(id|media_id|image_id)":${id}\\b`).test(text)) ||
        leaks(text).length
      )
        problems.push(`the answer shows Bob's things: ${text.slice(0, 200)}`)
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'thrown'
      if (!REFUSALS.includes(code)) problems.push(`failed as ${code}: ${(error as Error).message}`)
    }
    if (bobDigest() !== before) problems.push("Bob's items changed")
    return problems
  })
}

async function restAttempt(label: string, method: string, path: string, body?: unknown, listing = false) {
  const before = bobDigest()
  await crossUser.rest.attempt(`REST ${label}`, async () => {
    const problems: string[] = []
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${aliceToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (listing) {
      if (!response.ok) problems.push(`status ${response.status}`)
      if (bob.ids.some((id) => new RegExp(`"id":${id}\\b`).test(text)) || leaks(text).length)
        problems.push("shows Bob's things")
    } else if (response.status !== 404 && response.status !== 403)
      problems.push(`status ${response.status}: ${text.slice(0, 160)}`)
    if (leaks(text).length && !listing) problems.push(`leaks ${leaks(text)}`)
    if (bobDigest() !== before) problems.push("Bob's items changed")
    return problems
  })
}

async function cliAttempt(label: string, args: string[], listing = false) {
  const before = bobDigest()
  await crossUser.cli.attempt(`CLI ${label}`, async () => {
    const run = await runCliProcess(as('alice', '--json', ...args))
    const problems: string[] = []
    if (listing) {
      if (run.code !== 0) problems.push(`exit ${run.code}`)
      if (bob.ids.some((id) => new RegExp(`"id": ?${id}\\b`).test(run.stdout)) || leaks(run.stdout).length)
        problems.push("shows Bob's things")
    } else {
      if (run.code !== 1) problems.push(`exit ${run.code ?? run.signal}: ${run.stdout.slice(0, 160)}`)
      const code = (JSON.parse(run.stdout || '{}') as { error?: { code: string } }).error?.code
      if (!REFUSALS.includes(code ?? '')) problems.push(`error code ${code}`)
    }
    if (bobDigest() !== before) problems.push("Bob's items changed")
    return problems
  })
}

/** GET with the path exactly as written (fetch would normalise the dot segments away). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: 'GET',
        headers: { Authorization: `Bearer ${aliceToken}` },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('4. access', () => {
  beforeAll(async () => {
    const src = makeDir(root, 'sources')
    cliOk(as('alice', 'init'))
    await makeImage(join(src, 'alice.png'), 'png', { seed: 1 })
    cliOk(as('alice', 'import', join(src, 'alice.png')))
    const bobDir = makeDir(src, 'bob')
    await makeImage(join(bobDir, 'bob-photo.png'), 'png', { seed: 2 })
    makeAudio(join(bobDir, 'bob-show.mp3'), 'mp3', { seconds: 4 })
    makeVideo(join(bobDir, 'bob-clip.mp4'), { seconds: 1 })
    writeFileSync(join(bobDir, 'bob-notes.txt'), `${BOB_WORD} notes\n`)
    writeFileSync(join(src, 'bob-trash.txt'), 'to be trashed\n')
    const outcomes = cliJsonOk<{ path: string; id: number; type: string }[]>(as('bob', 'import', bobDir))
    const id = (name: string) => outcomes.find((o) => o.path.endsWith(name))?.id as number
    Object.assign(bob, {
      image: id('bob-photo.png'),
      audio: id('bob-show.mp3'),
      video: id('bob-clip.mp4'),
      file: id('bob-notes.txt'),
    })
    bob.trashed = cliJsonOk<{ id: number }[]>(as('bob', 'import', join(src, 'bob-trash.txt')))[0]
      ?.id as number
    cliOk(as('bob', 'delete', String(bob.trashed)))
    cliOk(as('bob', 'audio', 'edit', String(bob.audio), '--title', `${BOB_WORD} episode`))
    const chapters = join(src, 'bob-chapters.txt')
    writeFileSync(chapters, '00:00:00.000 Bob intro\n00:00:02.000 Bob topic\n')
    cliOk(as('bob', 'audio', 'chapters', String(bob.audio), '--import', chapters))
    const vtt = join(src, 'bob.vtt')
    writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Bob>Private words.\n')
    cliOk(as('bob', 'audio', 'transcript', String(bob.audio), '--import', vtt))
    bob.gallery = cliJsonOk<{ id: number }>(as('bob', 'gallery', 'create', String(bob.image))).id
    cliOk(as('bob', 'recalc_video_posters'))
    const db = new Database(join(dir, 'library.sqlite'), { readonly: true })
    const owned = db
      .prepare<[], { id: number }>(
        "SELECT m.id FROM media m JOIN users u ON u.id = m.owner_id WHERE u.name = 'bob'",
      )
      .all()
    bob.ids = owned.map((r) => r.id)
    const key = (media: number) =>
      (
        db
          .prepare("SELECT storage_key AS key FROM blobs WHERE media_id = ? AND role = 'original'")
          .get(media) as { key: string }
      ).key
    bob.imageKey = key(bob.image)
    bob.audioKey = key(bob.audio)
    db.close()
    // Secrets a traversal could reach: beside the library, beside the media folder, and a symlink
    // planted inside the media folder that points out of it.
    writeFileSync(join(root, 'secret.txt'), 'castdesk-secret-marker outside\n')
    writeFileSync(join(dir, 'secret.txt'), 'castdesk-secret-marker beside\n')
    // Never /etc: a decoy folder outside the library stands for it.
    mkdirSync(join(root, 'outside'), { recursive: true })
    writeFileSync(join(root, 'outside', 'passwd'), 'castdesk-secret-marker decoy passwd\n')
    mkdirSync(join(dir, 'media', 'cast_files'), { recursive: true })
    symlinkSync(join(root, 'outside'), join(dir, 'media', 'cast_files', 'link-out'))
    aliceToken = cliJsonOk<{ token: string }>(as('alice', 'users', 'token', 'alice')).token

    library = await Library.open(dir)
    call = createDispatcher(createHandlers(library))
    alice = { user: actingUser(library, 'alice') }
    server = spawn(process.execPath, [CLI, ...as('alice', '--json', 'serve', '--port', '0')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const [line] = (await once(
      createInterface({ input: server.stdout as NodeJS.ReadableStream }),
      'line',
    )) as [string]
    url = (JSON.parse(line) as { url: string }).url
    // The server runs the queued jobs (posters, peaks, renditions): let them finish, so that
    // Bob's items change only if an attempt changes them.
    const pending = library.db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM jobs WHERE state IN ('queued', 'running')",
    )
    for (let i = 0; i < 600 && (pending.get()?.n ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 100))
  }, 300_000)
  afterAll(() => {
    server?.kill('SIGTERM')
    library?.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('cross-user attempts over the IPC handler layer (dispatcher + handlers, in-process)', async () => {
    const focal = { x: 1, y: 1, width: 2, height: 2 }
    const marks = [{ start_ms: 0, title: 'Hijacked', link: null, image: null }]
    await ipcAttempt('media.show image', 'media.show', { id: bob.image })
    await ipcAttempt('media.show audio', 'media.show', { id: bob.audio })
    await ipcAttempt('media.show video', 'media.show', { id: bob.video })
    await ipcAttempt('media.delete', 'media.delete', { id: bob.file })
    await ipcAttempt('media.update', 'media.update', { id: bob.image, title: 'mine now' })
    await ipcAttempt('media.file', 'media.file', { key: bob.imageKey })
    await ipcAttempt('media.verify', 'media.verify', { id: bob.audio })
    await ipcAttempt('images.rendition', 'images.rendition', { id: bob.image, spec: 'fill-50x50' })
    await ipcAttempt('images.focal', 'images.focal', { id: bob.image, focal })
    await ipcAttempt('images.picture', 'images.picture', { id: bob.image })
    await ipcAttempt('galleries.create', 'galleries.create', { imageIds: [bob.image] })
    await ipcAttempt('galleries.renditions', 'galleries.renditions', { id: bob.gallery })
    await ipcAttempt('audio.chapters', 'audio.chapters', { id: bob.audio })
    await ipcAttempt('audio.setChapters', 'audio.setChapters', { id: bob.audio, chapters: marks })
    await ipcAttempt('audio.importChapters', 'audio.importChapters', {
      id: bob.audio,
      text: '00:00:00.000 Hijacked\n',
      name: 'x.txt',
    })
    await ipcAttempt('audio.exportChapters', 'audio.exportChapters', { id: bob.audio, format: 'psc' })
    await ipcAttempt('audio.readEmbeddedChapters', 'audio.readEmbeddedChapters', { id: bob.audio })
    await ipcAttempt('audio.writeChapters', 'audio.writeChapters', { id: bob.audio })
    await ipcAttempt('audio.transcript', 'audio.transcript', { id: bob.audio })
    await ipcAttempt('audio.importTranscript', 'audio.importTranscript', {
      id: bob.audio,
      text: 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nx\n',
      name: 'x.vtt',
    })
    await ipcAttempt('audio.exportTranscript', 'audio.exportTranscript', { id: bob.audio, format: 'vtt' })
    await ipcAttempt('audio.player', 'audio.player', { id: bob.audio })
    await ipcAttempt('audio.peaks', 'audio.peaks', { id: bob.audio })
    await ipcAttempt('audio.update', 'audio.update', { id: bob.audio, title: 'mine now' })
    await ipcAttempt('video.poster', 'video.poster', { id: bob.video, seconds: 0.5 })
    await ipcAttempt('trash.restore', 'trash.restore', { id: bob.trashed })
    await ipcAttempt('media.list (shows nothing of Bob)', 'media.list', {}, true)
    await ipcAttempt('media.page (shows nothing of Bob)', 'media.page', { type: 'audio' }, true)
    await ipcAttempt('search.query (finds nothing of Bob)', 'search.query', { q: BOB_WORD }, true)
    await ipcAttempt('jobs.list (shows no job of Bob)', 'jobs.list', {}, true)
    await ipcAttempt('trash.list (shows nothing of Bob)', 'trash.list', {}, true)
    const mediaProtocol = createMediaProtocolHandler(call, () => alice)
    for (const key of [bob.imageKey, bob.audioKey]) {
      await crossUser.ipc.attempt(`castdesk-media:// ${key}`, async () => {
        const path = key.split('/').map(encodeURIComponent).join('/')
        const response = await mediaProtocol(new Request(`castdesk-media://media/${path}`))
        return response.status === 404 ? [] : [`status ${response.status}`]
      })
    }
  })

  it('cross-user attempts over the REST API', async () => {
    await restAttempt('GET image', 'GET', `/api/images/${bob.image}/`)
    await restAttempt('GET audio', 'GET', `/api/audios/${bob.audio}/`)
    await restAttempt('GET video', 'GET', `/api/videos/${bob.video}/`)
    await restAttempt('GET file', 'GET', `/api/files/${bob.file}/`)
    await restAttempt('PATCH image', 'PATCH', `/api/images/${bob.image}/`, { title: 'mine now' })
    await restAttempt('DELETE file', 'DELETE', `/api/files/${bob.file}/`)
    await restAttempt('GET chapters', 'GET', `/api/audios/${bob.audio}/chapters/`)
    await restAttempt('PUT chapters', 'PUT', `/api/audios/${bob.audio}/chapters/`, { chapters: [] })
    await restAttempt('GET transcript.vtt', 'GET', `/api/audios/${bob.audio}/transcript.vtt`)
    await restAttempt('GET podlove player data', 'GET', `/api/audios/podlove/${bob.audio}/`)
    await restAttempt('GET rendition', 'GET', `/api/images/${bob.image}/rendition/?spec=width-40`)
    await restAttempt('GET /media/ of Bob’s image', 'GET', `/media/${bob.imageKey}`)
    await restAttempt('GET /media/ of Bob’s audio', 'GET', `/media/${bob.audioKey}`)
    await restAttempt('call media.show', 'POST', '/api/call/media.show', { id: bob.image })
    await restAttempt('call media.delete', 'POST', '/api/call/media.delete', { id: bob.file })
    await restAttempt('call audio.setChapters', 'POST', '/api/call/audio.setChapters', {
      id: bob.audio,
      chapters: [],
    })
    await restAttempt('call trash.restore', 'POST', '/api/call/trash.restore', { id: bob.trashed })
    await restAttempt('list images', 'GET', '/api/images/', undefined, true)
    await restAttempt('search', 'GET', `/api/search/?q=${BOB_WORD}`, undefined, true)
    await restAttempt('jobs', 'GET', '/api/jobs/', undefined, true)
  })

  it('cross-user attempts over the CLI', async () => {
    const chapters = join(root, 'hijack.txt')
    writeFileSync(chapters, '00:00:00.000 Hijacked\n')
    await cliAttempt('show', ['show', String(bob.image)])
    await cliAttempt('delete', ['delete', String(bob.file)])
    await cliAttempt('audio chapters', ['audio', 'chapters', String(bob.audio)])
    await cliAttempt('audio chapters --import', [
      'audio',
      'chapters',
      String(bob.audio),
      '--import',
      chapters,
    ])
    await cliAttempt('audio write-chapters', ['audio', 'write-chapters', String(bob.audio)])
    await cliAttempt('audio transcript --export', [
      'audio',
      'transcript',
      String(bob.audio),
      '--export',
      'vtt',
    ])
    await cliAttempt('audio player', ['audio', 'player', String(bob.audio)])
    await cliAttempt('image rendition', ['image', 'rendition', String(bob.image), 'width-40'])
    await cliAttempt('image focal', ['image', 'focal', String(bob.image), '1', '1', '2', '2'])
    await cliAttempt('video poster', ['video', 'poster', String(bob.video), '--seconds', '0.5'])
    await cliAttempt('trash restore', ['trash', 'restore', String(bob.trashed)])
    await cliAttempt('gallery renditions', ['gallery', 'renditions', String(bob.gallery)])
    await cliAttempt('list (shows nothing of Bob)', ['list'], true)
    await cliAttempt('search (finds nothing of Bob)', ['search', BOB_WORD], true)
  })

  it('path traversal against /media/ and storage keys', async () => {
    const media = join(dir, 'media')
    const mediaProtocol = createMediaProtocolHandler(call, () => alice)
    for (const payload of TRAVERSAL_PAYLOADS) {
      await traversal.http.attempt(`/media/${payload}`, async () => {
        const { status, body } = await rawGet(`/media/${payload}`)
        const problems: string[] = []
        if (status < 400) problems.push(`status ${status}`)
        if (leaks(body).length) problems.push(`leaks ${leaks(body)}`)
        return problems
      })
      await traversal.protocol.attempt(`castdesk-media://media/${payload}`, async () => {
        // The desktop app's protocol handler, run under Node as the lead's tests do, as Alice.
        let request: Request
        try {
          request = new Request(`castdesk-media://media/${payload}`)
        } catch {
          return [] // not even a URL: Electron would never deliver it
        }
        const response = await mediaProtocol(request)
        const body = Buffer.from(await response.arrayBuffer()).toString('latin1')
        const problems: string[] = []
        if (response.status < 400) problems.push(`status ${response.status}`)
        if (leaks(body).length) problems.push(`leaks ${leaks(body)}`)
        return problems
      })
      const key = asKey(payload)
      // A symlink the user put inside a local storage is followed by design (a folder on another
      // drive; test/unit/storage/local-storage.test.ts documents it): only requests are judged on it.
      if (payload.includes('link-out')) continue
      await traversal.keys.attempt(`storage key ${JSON.stringify(key)}`, async () => {
        const problems: string[] = []
        const storage = library.storage
        const inside = (path: string) => resolve(path).startsWith(`${media}/`)
        try {
          const path = storage.localPath(key)
          if (path && !inside(path)) problems.push(`localPath points outside: ${path}`)
        } catch {}
        try {
          const stream = await storage.get(key)
          const chunks: Buffer[] = []
          for await (const chunk of stream) chunks.push(chunk as Buffer)
          const text = Buffer.concat(chunks).toString('latin1')
          if (!inside(resolve(media, key)) || leaks(text).length)
            problems.push(`get read ${leaks(text)} from outside`)
        } catch {}
        try {
          if ((await storage.head(key)) && !inside(resolve(media, key)))
            problems.push('head found a file outside')
        } catch {}
        try {
          await call('media.file', { key }, alice)
          problems.push('media.file answered')
        } catch {}
        // A write is only tried where a mistake could not touch anything but this test's folder.
        if (resolve(media, key).startsWith(`${root}/`)) {
          const sentinel = `castdesk-put-${process.pid}`
          try {
            await storage.put(key, Buffer.from(sentinel))
            const landed = storage.localPath(key) ?? ''
            if (!inside(landed) || !readFileSync(landed, 'utf8').includes(sentinel))
              problems.push(`put wrote outside (${landed})`)
            await storage.delete(key).catch(() => {})
          } catch {}
          if (readFileSync(join(dir, 'library.sqlite')).includes(sentinel))
            problems.push('put wrote into the database')
        }
        return problems
      })
    }
  })

  it('records the figures', () => {
    const all = [crossUser.ipc, crossUser.rest, crossUser.cli]
    recordFigure({
      section: 'access',
      name: 'cross-user attempts',
      measure: 'attempts refused / tried',
      tried: all.reduce((n, t) => n + t.tried, 0),
      ok: all.reduce((n, t) => n + t.ok, 0),
      failures: all.flatMap((t) => t.failures),
      values: {
        ipcHandlerLayer: `${crossUser.ipc.ok}/${crossUser.ipc.tried}`,
        rest: `${crossUser.rest.ok}/${crossUser.rest.tried}`,
        cli: `${crossUser.cli.ok}/${crossUser.cli.tried}`,
      },
      notes: [
        'IPC: the dispatcher and handlers the Electron IPC bridge calls, and the castdesk-media:// handler, invoked in-process with Alice’s session (no Electron binary here)',
      ],
    })
    const paths = [traversal.http, traversal.keys, traversal.protocol]
    recordFigure({
      section: 'access',
      name: 'path traversal',
      measure: 'payloads refused / tried',
      tried: paths.reduce((n, t) => n + t.tried, 0),
      ok: paths.reduce((n, t) => n + t.ok, 0),
      failures: paths.flatMap((t) => t.failures),
      values: {
        payloads: TRAVERSAL_PAYLOADS.length,
        httpMedia: `${traversal.http.ok}/${traversal.http.tried}`,
        storageKeys: `${traversal.keys.ok}/${traversal.keys.tried}`,
        castdeskMediaProtocol: `${traversal.protocol.ok}/${traversal.protocol.tried}`,
      },
    })
    expect([...all, ...paths].flatMap((t) => t.failures)).toEqual([])
  })
})
