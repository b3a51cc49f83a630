import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMediaProtocolHandler } from '../src/main/media-access/media-protocol-handler'
import type { ApiName } from '../src/shared/api'
import {
  as,
  BOB_WORD,
  bobDigest,
  closeAccessFixture,
  fx,
  leaks,
  openAccessFixture,
  REFUSALS,
} from './lib/access-fixture'
import { runCliProcess } from './lib/cli-process'
import { recordFigure, Tally } from './lib/figures'

/**
 * 4. Access, cross-user. Alice tries to reach Bob's things through every door: the IPC handler
 * layer (the dispatcher and handlers the Electron IPC bridge calls, invoked in-process with Alice's
 * session, as the bridge would), the REST API (a real `castdesk serve`), and the CLI. An attempt
 * is refused when it fails as not found / forbidden (or, for a listing, shows nothing of Bob's)
 * and Bob's items are unchanged.
 */

const crossUser = { ipc: new Tally(), rest: new Tally(), cli: new Tally() }

async function ipcAttempt(label: string, name: ApiName, input: unknown, listing = false) {
  const before = bobDigest()
  await crossUser.ipc.attempt(`IPC ${label}`, async () => {
    const problems: string[] = []
    try {
      const result = await fx.call(name, input as never, fx.alice)
      const text = JSON.stringify(result)
      if (!listing) problems.push(`answered: ${text.slice(0, 160)}`)
      else if (
        fx.bob.ids.some((id) => new RegExp(`"(id|media_id|image_id)":${id}\\b`).test(text)) ||
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
    const response = await fetch(`${fx.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${fx.aliceToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (listing) {
      if (!response.ok) problems.push(`status ${response.status}`)
      if (fx.bob.ids.some((id) => new RegExp(`"id":${id}\\b`).test(text)) || leaks(text).length)
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
      if (fx.bob.ids.some((id) => new RegExp(`"id": ?${id}\\b`).test(run.stdout)) || leaks(run.stdout).length)
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

describe('4. access: cross-user', () => {
  beforeAll(openAccessFixture, 300_000)
  afterAll(closeAccessFixture)

  it('cross-user attempts over the IPC handler layer (dispatcher + handlers, in-process)', async () => {
    const { bob, call, alice } = fx
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
    const { bob } = fx
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
    const { bob, root } = fx
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

  it('records the figure', () => {
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
    expect(all.flatMap((t) => t.failures)).toEqual([])
  })
})
