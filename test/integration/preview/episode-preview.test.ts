import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPreviewHandler } from '../../../src/main/preview/preview-handler'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

/** The episode preview's door (`/preview/<token>/…`, `castdesk-media://preview/…`), run under Node. */
describe('episode preview with the real player', () => {
  const root = tempDir('castdesk-preview-')
  const sources = makeDir(root, 'sources')
  let lib: TestLibrary
  let handle: (request: Request, path: string) => Promise<Response>
  let path = ''
  let episodeId = 0
  let audioKey = ''
  let bobsKey = ''
  const origin = 'http://127.0.0.1:4567/preview/'
  const get = (p: string) => handle(new Request(`${origin}${p}`), p)

  beforeAll(async () => {
    lib = await openTestLibrary(join(root, 'library'))
    makeAudio(join(sources, 'episode.mp3'), 'mp3')
    await makeImage(join(sources, 'cover.png'), 'png', { seed: 3 })
    const [audio] = await lib.call('media.import', { paths: [join(sources, 'episode.mp3')] }, lib.as('alice'))
    const [image] = await lib.call('media.import', { paths: [join(sources, 'cover.png')] }, lib.as('bob'))
    const audioItem = await lib.call('media.show', { id: audio?.id as number }, lib.as('alice'))
    audioKey = audioItem.type === 'audio' ? (audioItem.files?.[0]?.key as string) : ''
    const imageItem = await lib.call('media.show', { id: image?.id as number }, lib.as('bob'))
    bobsKey = imageItem.type === 'image' ? (imageItem.file?.key as string) : ''
    await lib.call(
      'podcast.init',
      { title: 'Kitchen Radio', baseUrl: 'https://example.org/kr/' },
      lib.as('alice'),
    )
    const episode = await lib.call(
      'episodes.create',
      { title: 'KR012 Sourdough', audio: audio?.id as number, published: '2026-03-01T08:30:00Z' },
      lib.as('alice'),
    )
    episodeId = episode.id
    path = (await lib.call('episodes.preview', { id: episodeId }, lib.as('alice'))).path
    handle = createPreviewHandler(lib.library, lib.call)
  })

  it('serves the page, its player data and the player under the published page’s CSP', async () => {
    expect(path).toMatch(/^[\w-]{32}\/kr012-sourdough\/index\.html$/)
    const page = await get(path)
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') as string
    expect(csp).toContain("script-src 'self' 'unsafe-eval' 'sha256-")
    const html = await page.text()
    expect(html).toContain('<podlove-player')
    expect(html).toContain('../assets/podlove/castdesk-player.js')
    expect(html).toContain('<script src="../assets/podlove/castdesk-preview-storage.js"></script>')
    const token = path.split('/')[0]
    const data = (await (await get(`${token}/kr012-sourdough/podlove.json`)).json()) as {
      audio: Array<{ url: string }>
    }
    expect(data.audio[0].url).toBe(`${origin}${token}/${audioKey}`)
    const embed = await get(`${token}/assets/podlove/5.13.0/embed.js`)
    expect(embed.status).toBe(200)
    expect(embed.headers.get('content-type')).toMatch(/^text\/javascript/)
    const media = await get(`${token}/${audioKey}`)
    expect(media.status).toBe(200)
    expect(media.headers.get('content-type')).toBe('audio/mpeg')
  })

  it('is 404 for another user, an unknown token, or a file the page does not use', async () => {
    await expect(lib.call('episodes.preview', { id: episodeId }, lib.as('bob'))).rejects.toMatchObject({
      code: 'not_found',
    })
    const token = path.split('/')[0]
    expect((await get(`not-a-token/kr012-sourdough/index.html`)).status).toBe(404)
    expect((await get(`${token}/${bobsKey}`)).status).toBe(404)
    expect((await get(`${token}/../../castdesk.sqlite`)).status).toBe(404)
    expect((await handle(new Request(`${origin}${path}`, { method: 'POST' }), path)).status).toBe(405)
  })
})
