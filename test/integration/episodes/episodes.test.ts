import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EpisodeInfo } from '../../../src/shared/api/podcasts.api'
import { makeAudio, makeImage, makeVideo } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

describe('podcast and episodes', () => {
  const root = tempDir('castdesk-episodes-')
  let t: TestLibrary
  const alice = () => t.as('alice')
  const bob = () => t.as('bob')
  const ids = { images: [] as number[], audio: 0, video: 0, bobImage: 0 }

  async function importOne(path: string, user = alice()): Promise<number> {
    const [outcome] = await t.call('media.import', { paths: [path] }, user)
    expect(outcome?.status).toBe('imported')
    return outcome?.id as number
  }

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'lib'), { avifEffort: 0, imageFormats: ['jpeg', 'webp'] })
    for (const seed of [1, 2, 3]) {
      ids.images.push(
        await importOne(
          await makeImage(join(root, `i${seed}.jpg`), 'jpeg', { width: 1600, height: 900, seed }),
        ),
      )
    }
    ids.audio = await importOne(makeAudio(join(root, 'ep.mp3'), 'mp3', { seconds: 2 }))
    ids.video = await importOne(makeVideo(join(root, 'clip.mp4'), { seconds: 1 }))
    ids.bobImage = await importOne(await makeImage(join(root, 'bob.jpg'), 'jpeg', { seed: 9 }), bob())
  })

  it('keeps one podcast per user: init, show, edit', async () => {
    await expect(t.call('podcast.show', {}, alice())).rejects.toMatchObject({ code: 'not_found' })
    await expect(t.call('episodes.create', { title: 'Too early' }, alice())).rejects.toMatchObject({
      code: 'not_found',
    })
    const made = await t.call(
      'podcast.init',
      { title: 'Kitchen Radio', language: 'de', category: 'Arts > Food', cover: ids.images[0] },
      alice(),
    )
    expect(made).toMatchObject({
      title: 'Kitchen Radio',
      language: 'de',
      cover: ids.images[0],
      explicit: false,
    })
    await expect(t.call('podcast.init', { title: 'Again' }, alice())).rejects.toMatchObject({
      code: 'duplicate',
    })
    const edited = await t.call(
      'podcast.update',
      { explicit: true, baseUrl: 'https://example.org/kitchen', ownerEmail: 'ana@example.org' },
      alice(),
    )
    expect(edited).toMatchObject({
      title: 'Kitchen Radio',
      explicit: true,
      base_url: 'https://example.org/kitchen/',
    })
    await expect(t.call('podcast.update', { cover: ids.bobImage }, alice())).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(t.call('podcast.update', { cover: ids.audio }, alice())).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(t.call('podcast.show', {}, bob())).rejects.toMatchObject({ code: 'not_found' })
  })

  let episode: EpisodeInfo
  it('saves a body of blocks, records the media it uses and queues the renditions its images lack', async () => {
    const [a, b, c] = ids.images as [number, number, number]
    episode = await t.call(
      'episodes.create',
      {
        title: 'KR012: Sauerteig & Brot',
        published: '2026-03-01T08:30:00Z',
        audio: ids.audio,
        season: 1,
        number: 12,
        body: [
          { type: 'heading', text: 'Show notes' },
          { type: 'paragraph', markdown: 'Hello **world**' },
          { type: 'image', image: a },
          { type: 'gallery', images: [b, c, b] },
          { type: 'video', video: ids.video },
        ],
      },
      alice(),
    )
    expect(episode.slug).toBe('kr012-sauerteig-brot')
    expect(episode.published).toBe('2026-03-01T08:30:00.000Z')
    expect(episode.body.map((block) => block.type)).toEqual([
      'heading',
      'paragraph',
      'image',
      'gallery',
      'video',
    ])
    expect(new Set(episode.body.map((block) => block.id)).size).toBe(5)
    const gallery = episode.body[3] as Extract<EpisodeInfo['body'][number], { type: 'gallery' }>
    expect(gallery.gallery).toBeGreaterThan(0)
    expect(episode.media).toEqual(
      expect.arrayContaining([
        { id: ids.audio, role: 'audio' },
        { id: a, role: 'image' },
        { id: b, role: 'gallery' },
        { id: c, role: 'gallery' },
        { id: ids.video, role: 'video' },
      ]),
    )
    expect(episode.media).toHaveLength(5)
    expect(episode.renditions_queued).toBeGreaterThan(0)
    const run = await t.call('jobs.run', {}, alice())
    expect(run.failed).toBe(0)
    // Everything made: saving again queues nothing, and keeps the block ids and the gallery.
    const again = await t.call(
      'episodes.update',
      {
        id: episode.id,
        body: episode.body.map((block) => {
          if (block.type !== 'gallery') return block
          const { gallery: _gallery, ...rest } = block
          return rest
        }),
      },
      alice(),
    )
    expect(again.renditions_queued).toBe(0)
    expect(again.body).toEqual(episode.body)
  })

  it('shows where an item is used, and follows the body when it changes (sync_media_ids)', async () => {
    const [a, b] = ids.images as [number, number]
    expect(await t.call('episodes.usage', { mediaId: b }, alice())).toEqual([
      {
        episode: episode.id,
        title: episode.title,
        slug: episode.slug,
        published: episode.published,
        roles: ['gallery'],
      },
    ])
    const changed = await t.call(
      'episodes.update',
      { id: episode.id, body: [{ type: 'image', image: b }] },
      alice(),
    )
    expect(changed.media).toEqual([
      { id: ids.audio, role: 'audio' },
      { id: b, role: 'image' },
    ])
    expect(await t.call('episodes.usage', { mediaId: a }, alice())).toEqual([])
    expect(await t.call('episodes.usage', { mediaId: b }, bob())).toEqual([])
  })

  it('refuses unknown media, other users’ media, wrong types, bad and taken slugs, with codes', async () => {
    const create = (input: Record<string, unknown>) =>
      t.call('episodes.create', { title: 'Bad', ...input } as never, alice())
    await expect(create({ body: [{ type: 'image', image: 999_999 }] })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('There is no image 999999'),
    })
    await expect(create({ body: [{ type: 'gallery', images: [ids.bobImage] }] })).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(create({ audio: ids.video })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('needs an audio'),
    })
    await expect(create({ body: [{ type: 'video', video: ids.images[0] }] })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(create({ slug: 'Not A Slug' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(create({ slug: episode.slug })).rejects.toMatchObject({ code: 'duplicate' })
    await expect(create({ published: '2026-03-01 08:30' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(create({ body: [{ type: 'quote', text: 'x' }] })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    // Nothing half-saved.
    expect((await t.call('episodes.list', {}, alice())).map((e) => e.title)).toEqual([episode.title])
    await expect(t.call('episodes.show', { id: episode.id }, bob())).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('keeps used media in the trash and out of media_stale until no episode uses it', async () => {
    const used = ids.images[1] as number
    const file = t.library.blobs.forMedia(used)[0]?.key as string
    await t.call('media.delete', { id: used }, alice())
    const emptied = await t.call('trash.empty', {}, alice())
    expect(emptied.items).toBe(0)
    expect(emptied.failures[0]).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(episode.title),
    })
    const stale = await t.call('maintenance.stale', {}, alice())
    expect(stale.files.map((f) => f.key)).not.toContain(file)
    // Editing the episode while its image is in the trash: the image is not found any more.
    await expect(
      t.call('episodes.update', { id: episode.id, body: [{ type: 'image', image: used }] }, alice()),
    ).rejects.toMatchObject({ code: 'not_found' })
    await t.call('episodes.update', { id: episode.id, body: [] }, alice())
    expect((await t.call('trash.empty', { maxDelete: 100 }, alice())).items).toBe(1)
  })

  it('works from the CLI: podcast show, episode add/edit/list/show with --block', () => {
    const env = { CASTDESK_LIBRARY: join(root, 'lib'), CASTDESK_USER: 'alice' }
    const added = runCliJson<EpisodeInfo>(
      [
        'episode',
        'add',
        '--title',
        'Rye',
        '--published',
        '2026-03-08',
        '--type',
        'bonus',
        '--block',
        'heading:Rye <bread>',
        '--block',
        'text:Some *rye*',
        '--block',
        `gallery:${ids.images[0]},${ids.images[2]}`,
      ],
      env,
    )
    expect(added.code).toBe(0)
    expect(added.json).toMatchObject({ slug: 'rye', type: 'bonus', published: '2026-03-08T00:00:00.000Z' })
    expect(added.json.body.map((b) => b.type)).toEqual(['heading', 'paragraph', 'gallery'])
    const edited = runCliJson<EpisodeInfo>(
      ['episode', 'edit', String(added.json.id), '--draft', '--slug', 'rye-bread'],
      env,
    )
    expect(edited.json).toMatchObject({ slug: 'rye-bread', published: null })
    const list = runCli(['episode', 'list'], env)
    expect(list.stdout).toMatch(/draft\s+rye-bread\s+Rye/)
    const show = runCli(['episode', 'show', String(added.json.id)], env)
    expect(show.stdout).toContain('1. heading: Rye <bread>')
    expect(runCli(['podcast', 'show'], env).stdout).toContain('base URL: https://example.org/kitchen/')
    const bad = runCli(['episode', 'add', '--title', 'X', '--block', 'image:12345'], env)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/There is no image 12345 .*\[not_found\]/)
    const badSlug = runCli(['episode', 'add', '--title', 'X', '--slug', 'a b'], env)
    expect(badSlug.code).toBe(2)
    expect(badSlug.stderr).toContain('[invalid_input]')
  })
})
