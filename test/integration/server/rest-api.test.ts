import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MediaItem } from '../../../src/shared/media'
import { makeAudio, makeDir, makeImage, makeVideo } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { type ServerFixture, serveTestLibrary, type TestUser, upload } from './server-fixture'

type Item = MediaItem & { file?: { url: string; key: string }; files?: { url: string; key: string }[] }

const IMAGE_LIMIT = 100_000
const FILE_LIMIT = 50_000

/** Every file under a folder (recursively), for "nothing left behind" checks. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
}

describe('the REST API with two users', () => {
  const root = tempDir('castdesk-rest-')
  const sources = makeDir(root, 'sources')
  let fx: ServerFixture
  let alice: TestUser
  let bob: TestUser
  const mine: Record<string, Item> = {}
  const theirs: Record<string, Item> = {}
  const api = (path: string) => `${fx.url}${path}`
  const get = (path: string, as: TestUser, headers: Record<string, string> = {}) =>
    fetch(api(path), { headers: { ...as.headers, ...headers } })

  beforeAll(async () => {
    fx = await serveTestLibrary(join(root, 'library'), {
      uploadLimits: { imageBytes: IMAGE_LIMIT, fileBytes: FILE_LIMIT },
    })
    alice = await fx.user('alice')
    bob = await fx.user('bob')
    await makeImage(join(sources, 'sunset.png'), 'png', { seed: 1 })
    await makeImage(join(sources, 'harbour.jpg'), 'jpeg', { seed: 2 })
    await makeImage(join(sources, 'bob.png'), 'png', { seed: 3 })
    makeAudio(join(sources, 'whales.mp3'), 'mp3', { chapters: true })
    makeAudio(join(sources, 'bob-show.mp3'), 'mp3', { frequency: 660 })
    makeVideo(join(sources, 'clip.mp4'))
    makeVideo(join(sources, 'bob-clip.mp4'), { width: 160, height: 120 })
    writeFileSync(join(sources, 'notes.txt'), 'Show notes for episode one.\n')
    writeFileSync(join(sources, 'bob-notes.txt'), 'Bob’s notes.\n')

    const created = async (response: Response): Promise<Item> => {
      expect(response.status, await response.clone().text()).toBe(201)
      return (await response.json()) as Item
    }
    mine.image = await created(
      await upload(api('/api/images/'), alice.headers, 'file', join(sources, 'sunset.png'), {
        title: 'Sunset over the dunes',
        tags: ['beach', 'Summer'],
      }),
    )
    mine.image2 = await created(
      await upload(api('/api/images/'), alice.headers, 'file', join(sources, 'harbour.jpg')),
    )
    mine.audio = await created(
      await upload(api('/api/audios/'), alice.headers, 'mp3', join(sources, 'whales.mp3'), {
        title: 'Episode one',
        subtitle: 'All about whales',
      }),
    )
    mine.video = await created(
      await upload(api('/api/videos/'), alice.headers, 'original', join(sources, 'clip.mp4')),
    )
    mine.file = await created(
      await upload(api('/api/files/'), alice.headers, 'file', join(sources, 'notes.txt')),
    )
    theirs.image = await created(
      await upload(api('/api/images/'), bob.headers, 'file', join(sources, 'bob.png')),
    )
    theirs.audio = await created(
      await upload(api('/api/audios/'), bob.headers, 'mp3', join(sources, 'bob-show.mp3')),
    )
    theirs.file = await created(
      await upload(api('/api/files/'), bob.headers, 'file', join(sources, 'bob-notes.txt')),
    )
    const legacy = await upload(
      api('/api/upload_video/'),
      bob.headers,
      'original',
      join(sources, 'bob-clip.mp4'),
    )
    expect(legacy.status).toBe(201)
    expect(legacy.headers.get('content-type')).toMatch(/^text\/plain/)
    const legacyId = Number(await legacy.text())
    theirs.video = (await (await get(`/api/videos/${legacyId}/`, bob)).json()) as Item
    await fx.settle()
  })

  it('stores each upload as its sender’s item, with the fields sent', () => {
    expect(mine.image).toMatchObject({ type: 'image', owner: 'alice', title: 'Sunset over the dunes' })
    expect(mine.image?.tags).toEqual(['beach', 'Summer'])
    expect(mine.audio).toMatchObject({
      type: 'audio',
      owner: 'alice',
      title: 'Episode one',
      subtitle: 'All about whales',
    })
    expect(mine.audio?.type === 'audio' && mine.audio.chapters.map((c) => c.title)).toEqual([
      'Intro',
      'Main topic',
    ])
    expect(mine.video).toMatchObject({ type: 'video', owner: 'alice', width: 320, height: 240 })
    expect(mine.file).toMatchObject({ type: 'file', owner: 'alice', title: 'notes' })
    expect(theirs.video).toMatchObject({ type: 'video', owner: 'bob', width: 160 })
    // Files are shown by URL on this server, never by their path on its disk.
    expect(mine.image?.file?.url).toBe(`/media/${mine.image?.file?.key}`)
    expect(JSON.stringify(mine)).not.toContain(fx.library.dir)
  })

  it('lists only the acting user’s items, in django-cast’s envelope', async () => {
    const expectations: [string, Item[], Item[]][] = [
      ['images', [mine.image, mine.image2] as Item[], [theirs.image] as Item[]],
      ['audios', [mine.audio] as Item[], [theirs.audio] as Item[]],
      ['videos', [mine.video] as Item[], [theirs.video] as Item[]],
      ['files', [mine.file] as Item[], [theirs.file] as Item[]],
    ]
    for (const [segment, own, other] of expectations) {
      for (const [as, expected, hidden] of [
        [alice, own, other],
        [bob, other, own],
      ] as const) {
        const page = (await (await get(`/api/${segment}/`, as)).json()) as {
          count: number
          next: string | null
          previous: string | null
          results: Item[]
        }
        const ids = page.results.map((item) => item.id)
        for (const item of expected) expect(ids).toContain(item.id)
        for (const item of hidden) expect(ids).not.toContain(item.id)
        expect(new Set(page.results.map((item) => item.owner))).toEqual(new Set([as.user.name]))
        expect(page).toMatchObject({ count: page.results.length, next: null, previous: null })
      }
    }
  })

  it('pages, filters by q and tag, and refuses unknown parameters', async () => {
    const first = (await (await get('/api/images/?pageSize=1', alice)).json()) as {
      count: number
      next: string
      previous: null
      results: Item[]
    }
    expect(first.results).toHaveLength(1)
    expect(first.previous).toBeNull()
    expect(new URL(first.next).searchParams.get('page')).toBe('2')
    const second = (await (await fetch(first.next, { headers: alice.headers })).json()) as {
      previous: string
    }
    expect(new URL(second.previous).searchParams.get('page')).toBe('1')

    const byTitle = (await (await get('/api/images/?q=DUNES', alice)).json()) as { results: Item[] }
    expect(byTitle.results.map((i) => i.id)).toEqual([mine.image?.id])
    const bySubtitle = (await (await get('/api/audios/?q=whales', alice)).json()) as { results: Item[] }
    expect(bySubtitle.results.map((i) => i.id)).toEqual([mine.audio?.id])
    const byTags = (await (await get('/api/images/?tag=beach&tag=summer', alice)).json()) as {
      results: Item[]
    }
    expect(byTags.results.map((i) => i.id)).toEqual([mine.image?.id])
    const noMatch = (await (await get('/api/images/?tag=beach&tag=winter', alice)).json()) as {
      count: number
    }
    expect(noMatch.count).toBe(0)

    const unknown = await get('/api/images/?colour=red', alice)
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('colour'),
    })
    expect((await get('/api/images/?page=abc', alice)).status).toBe(400)
    expect((await get(`/api/images/${mine.image?.id}/?expand=all`, alice)).status).toBe(400)
    expect((await get('/api/images/?page=99', alice)).status).toBe(404)
    expect((await get('/api/images/?pageSize=5000', alice)).status).toBe(200)
  })

  it('answers 404 to every attempt on another user’s item, exactly as for a missing one', async () => {
    const segment = { image: 'images', audio: 'audios', video: 'videos', file: 'files' } as const
    const missing = await get('/api/images/999999/', alice)
    expect(missing.status).toBe(404)
    for (const item of Object.values(theirs)) {
      const path = `/api/${segment[item.type]}/${item.id}/`
      const attempts = [
        get(path, alice),
        fetch(api(path), {
          method: 'PATCH',
          headers: { ...alice.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: 'mine now' }),
        }),
        fetch(api(path), { method: 'DELETE', headers: alice.headers }),
        fetch(api('/api/call/media.show'), {
          method: 'POST',
          headers: { ...alice.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ id: item.id }),
        }),
      ]
      for (const key of item.type === 'audio'
        ? (item.files ?? []).map((f) => f.key)
        : [item.file?.key as string])
        attempts.push(get(`/media/${key}`, alice))
      if (item.type === 'image') attempts.push(get(`/api/images/${item.id}/rendition/?spec=width-40`, alice))
      for (const response of await Promise.all(attempts)) {
        expect(response.status, `${response.url} as alice`).toBe(404)
        expect(((await response.json()) as { code: string }).code).toBe('not_found')
      }
    }
    // Bob's items are unchanged and still his.
    const bobImage = (await (await get(`/api/images/${theirs.image?.id}/`, bob)).json()) as Item
    expect(bobImage.title).toBe(theirs.image?.title)
    // An item under another type's endpoint is not found either.
    expect((await get(`/api/audios/${mine.image?.id}/`, alice)).status).toBe(404)
  })

  it('serves a user’s own bytes with Range support', async () => {
    const key = mine.video?.file?.key as string
    const bytes = readFileSync(join(sources, 'clip.mp4'))
    const whole = await get(`/media/${key}`, alice)
    expect(whole.status).toBe(200)
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    expect(whole.headers.get('content-type')).toBe('video/mp4')
    const body = Buffer.from(await whole.arrayBuffer())
    expect(createHash('sha256').update(body).digest('hex')).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    )

    const part = await get(`/media/${key}`, alice, { Range: 'bytes=100-199' })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`)
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200))
    const tail = await get(`/media/${key}`, alice, { Range: 'bytes=-10' })
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 10))
    const past = await get(`/media/${key}`, alice, { Range: `bytes=${bytes.length}-` })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`)

    // A text file is a download, never a page of this origin.
    const notes = await get(`/media/${mine.file?.file?.key}`, alice)
    expect(notes.headers.get('content-type')).toBe('application/octet-stream')
    expect(notes.headers.get('content-disposition')).toMatch(/^attachment/)
    expect((await get('/media/..%2F..%2Flibrary.sqlite', alice)).status).toBe(404)
  })

  it('refuses an upload over the limit with 413 and keeps nothing of it', async () => {
    const big = join(sources, 'huge.png')
    await sharp(randomBytes(400 * 400 * 3), { raw: { width: 400, height: 400, channels: 3 } })
      .png()
      .toFile(big)
    expect(statSync(big).size).toBeGreaterThan(IMAGE_LIMIT)
    const blob = join(sources, 'huge.bin')
    writeFileSync(blob, randomBytes(3 * 1024 * 1024))
    const libraryFiles = () =>
      filesUnder(fx.library.dir).filter((path) => !/library\.sqlite|\/logs\//.test(path))
    const before = libraryFiles()
    const count = async (segment: string) =>
      ((await (await get(`/api/${segment}/`, alice)).json()) as { count: number }).count
    const images = await count('images')
    const files = await count('files')

    for (const [segment, path] of [
      ['images', big],
      ['files', blob],
    ] as const) {
      const response = await upload(api(`/api/${segment}/`), alice.headers, 'file', path, {
        title: 'too big',
      })
      expect(response.status).toBe(413)
      expect(await response.json()).toMatchObject({
        code: 'file_too_large',
        message: expect.stringContaining('limit'),
      })
    }
    expect(await count('images')).toBe(images)
    expect(await count('files')).toBe(files)
    expect(libraryFiles().sort()).toEqual(before.sort())
    expect(filesUnder(join(fx.library.stagingDir, 'uploads'))).toEqual([])
  })

  it('refuses bad uploads with a JSON reason and keeps nothing of them', async () => {
    const post = (segment: string, field: string, path: string, fields = {}) =>
      upload(api(`/api/${segment}/`), alice.headers, field, path, fields)
    const cases: [Promise<Response>, number, string][] = [
      [post('images', 'file', join(sources, 'notes.txt')), 400, 'invalid_input'],
      [post('audios', 'm4a', join(sources, 'whales.mp3')), 400, 'invalid_input'],
      [post('images', 'image', join(sources, 'harbour.jpg')), 400, 'invalid_input'],
      [post('images', 'file', join(sources, 'harbour.jpg'), { colour: 'red' }), 400, 'invalid_input'],
      [post('images', 'file', join(sources, 'harbour.jpg')), 409, 'duplicate'],
      [
        fetch(api('/api/images/'), { method: 'POST', headers: alice.headers, body: 'not a form' }),
        400,
        'invalid_input',
      ],
    ]
    for (const [pending, status, code] of cases) {
      const response = await pending
      const body = (await response.json()) as { code: string; message: string; id?: number }
      expect(response.status, body.message).toBe(status)
      expect(body.code).toBe(code)
      if (code === 'duplicate') expect(body.id).toBe(mine.image2?.id)
    }
    expect(filesUnder(join(fx.library.stagingDir, 'uploads'))).toEqual([])
  })

  it('changes titles, tags, subtitles and alt text with PATCH, and deletes with DELETE', async () => {
    const patch = (path: string, body: unknown) =>
      fetch(api(path), {
        method: 'PATCH',
        headers: { ...alice.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const image = await patch(`/api/images/${mine.image2?.id}/`, {
      title: 'Harbour at dawn',
      alt_text: 'Boats',
      tags: ['sea'],
    })
    expect(image.status).toBe(200)
    expect(await image.json()).toMatchObject({ title: 'Harbour at dawn', alt_text: 'Boats', tags: ['sea'] })
    const audio = await patch(`/api/audios/${mine.audio?.id}/`, { subtitle: 'Whales and dolphins' })
    expect(await audio.json()).toMatchObject({ subtitle: 'Whales and dolphins', title: 'Episode one' })
    expect((await patch(`/api/images/${mine.image2?.id}/`, { subtitle: 'x' })).status).toBe(400)
    expect((await patch(`/api/images/${mine.image2?.id}/`, { owner: 'bob' })).status).toBe(400)

    const deleted = await fetch(api(`/api/files/${mine.file?.id}/`), {
      method: 'DELETE',
      headers: alice.headers,
    })
    expect(deleted.status).toBe(204)
    expect((await get(`/api/files/${mine.file?.id}/`, alice)).status).toBe(404)
    expect((await get(`/media/${mine.file?.file?.key}`, alice)).status).toBe(404)
  })

  it('makes renditions and reports jobs', async () => {
    const response = await get(`/api/images/${mine.image?.id}/rendition/?spec=width-32`, alice)
    expect(response.status).toBe(200)
    const rendition = (await response.json()) as { url: string; width: number; height: number }
    expect(rendition).toMatchObject({ width: 32, height: 24 })
    expect(rendition.url).toMatch(/^\/media\/images\//)
    const bytes = await get(rendition.url, alice)
    expect(bytes.status).toBe(200)
    expect((await sharp(Buffer.from(await bytes.arrayBuffer())).metadata()).width).toBe(32)
    expect((await get(rendition.url, bob)).status).toBe(404)
    expect((await get(`/api/images/${mine.image?.id}/rendition/?spec=bogus-1`, alice)).status).toBe(400)

    const jobs = async (as: TestUser) =>
      (await (await get('/api/jobs/', as)).json()) as { id: number; kind: string }[]
    const aliceJobs = await jobs(alice)
    const bobJobs = await jobs(bob)
    expect(aliceJobs.map((j) => j.kind)).toContain('video.poster')
    expect(bobJobs.map((j) => j.kind)).toContain('video.poster')
    expect(aliceJobs.filter((job) => bobJobs.some((other) => other.id === job.id))).toEqual([])
  })
})
