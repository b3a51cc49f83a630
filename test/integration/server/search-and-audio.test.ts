import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../src/shared/api/search.api'
import type { MediaItem } from '../../../src/shared/media'
import { makeAudio, makeDir, makeImage, makeVideo } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { type ServerFixture, serveTestLibrary, type TestUser } from './server-fixture'

const VTT = (word: string) => `WEBVTT

00:00:00.000 --> 00:00:01.250
<v Host>Welcome to the show.

00:00:01.250 --> 00:00:02.800
<v Guest>Today we talk about the ${word} and its tusk.
`

async function upload(
  url: string,
  as: TestUser,
  field: string,
  path: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData()
  form.append(field, new Blob([readFileSync(path)]), basename(path))
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  const response = await fetch(url, { method: 'POST', headers: as.headers, body: form })
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as MediaItem
}

/** Reads server-sent events from a stream until `stop` is called. */
function eventStream(url: string, as: TestUser) {
  const events: { event: string; data: unknown }[] = []
  const controller = new AbortController()
  const ready = (async () => {
    const response = await fetch(url, { headers: as.headers, signal: controller.signal })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    return response.body as ReadableStream<Uint8Array>
  })()
  const reading = ready.then(async (body) => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event && data) events.push({ event, data: JSON.parse(data) })
          end = buffer.indexOf('\n\n')
        }
      }
    } catch {
      // aborted
    }
  })
  return {
    events,
    async until(predicate: (e: { event: string; data: unknown }) => boolean, ms = 30_000) {
      const deadline = Date.now() + ms
      while (!events.some(predicate)) {
        if (Date.now() > deadline) throw new Error(`no such event within ${ms} ms: ${JSON.stringify(events)}`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      return events.find(predicate)
    },
    async stop() {
      controller.abort()
      await reading
    },
  }
}

describe('search, chapters, transcripts and events over HTTP, for two users', () => {
  const root = tempDir('castdesk-search-')
  const sources = makeDir(root, 'sources')
  let fx: ServerFixture
  let alice: TestUser
  let bob: TestUser
  let aliceAudio: MediaItem
  let bobAudio: MediaItem
  let aliceImage: MediaItem
  const api = (path: string) => `${fx.url}${path}`
  const get = (path: string, as: TestUser, headers: Record<string, string> = {}) =>
    fetch(api(path), { headers: { ...as.headers, ...headers } })
  const search = async (as: TestUser, q: string, extra = ''): Promise<SearchHit[]> => {
    const response = await get(`/api/search/?q=${encodeURIComponent(q)}${extra}`, as)
    expect(response.status, `search ${q}`).toBe(200)
    return (await response.json()) as SearchHit[]
  }
  const callAs = async (as: TestUser, name: string, input: unknown) => {
    const response = await fetch(api(`/api/call/${name}`), {
      method: 'POST',
      headers: { ...as.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    })
    expect(response.status, await response.clone().text()).toBe(200)
    return response.json()
  }

  beforeAll(async () => {
    fx = await serveTestLibrary(join(root, 'library'))
    alice = await fx.user('alice')
    bob = await fx.user('bob')
    makeAudio(join(sources, 'deep-sea-diaries.mp3'), 'mp3', { chapters: true })
    makeAudio(join(sources, 'bob-episode.mp3'), 'mp3', { frequency: 550, chapters: true })
    await makeImage(join(sources, 'cover.png'), 'png', { seed: 7 })
    aliceAudio = await upload(api('/api/audios/'), alice, 'mp3', join(sources, 'deep-sea-diaries.mp3'), {
      title: 'Episode one',
      subtitle: 'Life in the ocean',
    })
    bobAudio = await upload(api('/api/audios/'), bob, 'mp3', join(sources, 'bob-episode.mp3'), {
      title: 'Episode one',
    })
    aliceImage = await upload(api('/api/images/'), alice, 'file', join(sources, 'cover.png'), {
      title: 'Cover art',
    })
    for (const [as, audio] of [
      [alice, aliceAudio],
      [bob, bobAudio],
    ] as const) {
      await callAs(as, 'audio.importTranscript', { id: audio.id, text: VTT('narwhal'), name: 'episode.vtt' })
    }
  })

  it('finds an audio by a word only in its transcript, with the cue’s start time', async () => {
    const hits = await search(alice, 'narwhal')
    expect(hits).toEqual([
      {
        id: aliceAudio.id,
        type: 'audio',
        title: 'Episode one',
        match: 'transcript',
        start_ms: 1250,
        snippet: expect.stringContaining('**narwhal**'),
      },
    ])
    expect((await search(bob, 'narwhal')).map((h) => h.id)).toEqual([bobAudio.id])
    // The last word matches as a prefix; accents are folded.
    expect((await search(alice, 'narwh')).map((h) => h.start_ms)).toEqual([1250])
  })

  it('finds items by title, subtitle, chapter titles and original file name, only the user’s own', async () => {
    const byTitle = await search(alice, 'episode')
    expect(byTitle.map((h) => [h.id, h.match])).toContainEqual([aliceAudio.id, 'item'])
    expect(byTitle.every((h) => h.id !== bobAudio.id)).toBe(true)
    expect((await search(alice, 'ocean')).map((h) => h.id)).toEqual([aliceAudio.id])
    expect((await search(alice, 'diaries')).map((h) => [h.id, h.match])).toEqual([[aliceAudio.id, 'item']])
    const chapter = await search(alice, 'main topic')
    expect(chapter).toEqual([
      expect.objectContaining({ id: aliceAudio.id, match: 'chapter', start_ms: 1500 }),
    ])
    expect((await search(alice, 'cover', '&type=audio')).length).toBe(0)
    expect((await search(alice, 'cover', '&type=image')).map((h) => h.id)).toEqual([aliceImage.id])
  })

  it('keeps the index up to date on every write: edits, tags, alt text, chapters, deletion', async () => {
    const patch = (id: number, segment: string, body: unknown) =>
      fetch(api(`/api/${segment}/${id}/`), {
        method: 'PATCH',
        headers: { ...alice.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect(
      (await patch(aliceImage.id, 'images', { tags: ['Lighthouse'], alt_text: 'A red kayak' })).status,
    ).toBe(200)
    expect((await search(alice, 'lighthouse')).map((h) => h.id)).toEqual([aliceImage.id])
    expect((await search(alice, 'kayak')).map((h) => h.id)).toEqual([aliceImage.id])
    expect((await patch(aliceImage.id, 'images', { title: 'Harbour view' })).status).toBe(200)
    expect(await search(alice, 'cover art')).toEqual([])

    const put = await fetch(api(`/api/audios/${aliceAudio.id}/chapters/`), {
      method: 'PUT',
      headers: { ...alice.headers, 'Content-Type': 'text/plain' },
      body: '00:00:00.000 Welcome\n00:00:02.000 Sea otters <https://example.org/otters>\n',
    })
    expect(put.status, await put.clone().text()).toBe(200)
    expect(await search(alice, 'main topic')).toEqual([])
    expect(await search(alice, 'otters')).toEqual([
      expect.objectContaining({ id: aliceAudio.id, match: 'chapter', start_ms: 2000 }),
    ])
  })

  it('never crashes on FTS syntax in a query', async () => {
    for (const q of [
      '"',
      '"unbalanced',
      '*',
      'narwhal*',
      '-narwhal',
      'NEAR(narwhal tusk)',
      'AND OR NOT',
      'title:x',
      '(',
      "'",
      '^',
      '',
      '  ',
      '🐳',
    ]) {
      const hits = await search(alice, q)
      expect(Array.isArray(hits), q).toBe(true)
    }
    expect((await search(alice, '-narwhal')).map((h) => h.id)).toEqual([aliceAudio.id])
    expect((await search(alice, 'NEAR narwhal')).length).toBe(0)
  })

  it('serves Podlove data, chapters and transcripts to the owner only', async () => {
    const podlove = await get(`/api/audios/podlove/${aliceAudio.id}/`, alice)
    expect(podlove.status).toBe(200)
    const data = (await podlove.json()) as { version: number; title: string; audio: { url: string }[] }
    expect(data).toMatchObject({ version: 5, title: 'Episode one' })
    const fileUrl = data.audio[0]?.url as string
    expect(fileUrl.startsWith(`${fx.url}/media/cast_audio/`)).toBe(true)
    expect((await fetch(fileUrl, { headers: alice.headers })).status).toBe(200)
    expect((await fetch(fileUrl, { headers: bob.headers })).status).toBe(404)

    const chapters = (await (await get(`/api/audios/${aliceAudio.id}/chapters/`, alice)).json()) as {
      chapters: { title: string }[]
    }
    expect(chapters.chapters.map((c) => c.title)).toEqual(['Welcome', 'Sea otters'])
    const text = await get(`/api/audios/${aliceAudio.id}/chapters/`, alice, { Accept: 'text/plain' })
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await text.text()).toContain('Sea otters')

    const transcripts: [string, RegExp][] = [
      ['transcript.vtt', /^WEBVTT/],
      ['transcript.srt', /-->/],
      ['transcript.json', /narwhal/],
      ['transcript/podlove/', /narwhal/],
      ['transcript/dote/', /narwhal/],
    ]
    for (const [path, content] of transcripts) {
      const own = await get(`/api/audios/${aliceAudio.id}/${path}`, alice)
      expect(own.status, path).toBe(200)
      expect(await own.text()).toMatch(content)
      const other = await get(`/api/audios/${bobAudio.id}/${path}`, alice)
      expect(other.status, path).toBe(404)
    }

    const foreign = [
      get(`/api/audios/podlove/${bobAudio.id}/`, alice),
      get(`/api/audios/${bobAudio.id}/chapters/`, alice),
      get(`/api/audios/${bobAudio.id}/chapters/`, alice, { Accept: 'text/plain' }),
      fetch(api(`/api/audios/${bobAudio.id}/chapters/`), {
        method: 'PUT',
        headers: { ...alice.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ chapters: [{ start_ms: 0, title: 'Hijacked' }] }),
      }),
    ]
    for (const response of await Promise.all(foreign)) {
      expect(response.status, response.url).toBe(404)
      expect(((await response.json()) as { code: string }).code).toBe('not_found')
    }
    const bobChapters = (await (await get(`/api/audios/${bobAudio.id}/chapters/`, bob)).json()) as {
      chapters: { title: string }[]
    }
    expect(bobChapters.chapters.map((c) => c.title)).toEqual(['Intro', 'Main topic'])

    const json = await fetch(api(`/api/audios/${aliceAudio.id}/chapters/`), {
      method: 'PUT',
      headers: { ...alice.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        chapters: [
          { start_ms: 0, title: 'Opening' },
          { start_ms: 1000, title: 'Krill' },
        ],
      }),
    })
    expect(json.status, await json.clone().text()).toBe(200)
    expect(((await json.json()) as { chapters: { title: string }[] }).chapters.map((c) => c.title)).toEqual([
      'Opening',
      'Krill',
    ])
    expect(await search(alice, 'krill')).toEqual([
      expect.objectContaining({ match: 'chapter', start_ms: 1000 }),
    ])
    const bad = await fetch(api(`/api/audios/${aliceAudio.id}/chapters/`), {
      method: 'PUT',
      headers: { ...alice.headers, 'Content-Type': 'text/plain' },
      body: 'not a chapter line\n',
    })
    expect(bad.status).toBe(400)
  })

  it('streams each user’s own job progress and import events', async () => {
    const aliceEvents = eventStream(api('/api/events'), alice)
    const bobEvents = eventStream(api('/api/events'), bob)
    await aliceEvents.until((e) => e.event === 'ready')
    await bobEvents.until((e) => e.event === 'ready')
    makeVideo(join(sources, 'trailer.mp4'))
    const video = await upload(api('/api/videos/'), alice, 'original', join(sources, 'trailer.mp4'))
    await aliceEvents.until((e) => e.event === 'import' && (e.data as { id: number }).id === video.id)
    await aliceEvents.until((e) => e.event === 'job' && (e.data as { state: string }).state === 'done')
    await fx.settle()
    await aliceEvents.stop()
    await bobEvents.stop()
    expect(bobEvents.events.map((e) => e.event)).toEqual(['ready'])
  })

  it('forgets deleted items in search', async () => {
    const deleted = await fetch(api(`/api/audios/${aliceAudio.id}/`), {
      method: 'DELETE',
      headers: alice.headers,
    })
    expect(deleted.status).toBe(204)
    expect(await search(alice, 'narwhal')).toEqual([])
    expect((await search(bob, 'narwhal')).map((h) => h.id)).toEqual([bobAudio.id])
  })
})
