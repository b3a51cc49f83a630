import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createMediaProtocolHandler } from '../../../src/main/media-access/media-protocol-handler'
import type { CallContext } from '../../../src/shared/api'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { TRAVERSAL_PAYLOADS } from '../../helpers/traversal-payloads'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('castdesk-media:// handler (the desktop app’s media door, run under Node)', () => {
  const root = tempDir('castdesk-protocol-')
  const sources = makeDir(root, 'sources')
  let lib: TestLibrary
  let alice: CallContext
  let bob: CallContext
  let handle: (request: Request) => Promise<Response>
  let acting: CallContext
  const keys: Record<string, string> = {}
  const url = (path: string) => `castdesk-media://media/${path}`

  beforeAll(async () => {
    lib = await openTestLibrary(join(root, 'library'))
    alice = lib.as('alice')
    bob = lib.as('bob')
    makeAudio(join(sources, 'episode one.mp3'), 'mp3')
    await makeImage(join(sources, 'cover.png'), 'png', { seed: 2 })
    for (const [who, file] of [
      ['alice', 'episode one.mp3'],
      ['bob', 'cover.png'],
    ] as const) {
      const outcome = await lib.call('media.import', { paths: [join(sources, file)] }, lib.as(who))
      const id = outcome[0]?.id as number
      const item = await lib.call('media.show', { id }, lib.as(who))
      keys[who] = item.type === 'audio' ? (item.files?.[0]?.key as string) : (item.file?.key as string)
    }
    acting = alice
    handle = createMediaProtocolHandler(lib.call, () => acting)
  })

  const encoded = (key: string) => key.split('/').map(encodeURIComponent).join('/')

  it('streams the acting user’s file whole and by range, with its ETag', async () => {
    const bytes = readFileSync(join(sources, 'episode one.mp3'))
    const whole = await handle(new Request(url(encoded(keys.alice as string))))
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-type')).toBe('audio/mpeg')
    expect(whole.headers.get('content-length')).toBe(String(bytes.length))
    expect(sha256(new Uint8Array(await whole.arrayBuffer()))).toBe(sha256(bytes))

    const part = await handle(
      new Request(url(encoded(keys.alice as string)), { headers: { Range: 'bytes=10-19' } }),
    )
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`)
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(10, 20))

    const past = await handle(
      new Request(url(encoded(keys.alice as string)), { headers: { Range: `bytes=${bytes.length}-` } }),
    )
    expect(past.status).toBe(416)
    const etag = whole.headers.get('etag') as string
    expect(etag).toBe(`"${sha256(bytes)}"`)
    const again = await handle(
      new Request(url(encoded(keys.alice as string)), { headers: { 'If-None-Match': etag } }),
    )
    expect(again.status).toBe(304)
    const head = await handle(new Request(url(encoded(keys.alice as string)), { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()
  })

  it('answers 404 for another user’s file, as for a missing one', async () => {
    const theirs = await handle(new Request(url(encoded(keys.bob as string))))
    expect(theirs.status).toBe(404)
    expect(await theirs.json()).toMatchObject({ code: 'not_found' })
    const missing = await handle(new Request(url('original_images/nothing.png')))
    expect(missing.status).toBe(404)
  })

  it(`refuses ${TRAVERSAL_PAYLOADS.length} traversal payloads, other hosts and methods`, async () => {
    for (const payload of TRAVERSAL_PAYLOADS) {
      let response: Response
      try {
        response = await handle(new Request(url(payload)))
      } catch {
        // A URL the platform itself refuses to build never reaches the handler.
        continue
      }
      expect(response.status, payload).toBe(404)
      const body = new Uint8Array(await response.arrayBuffer())
      expect(new TextDecoder().decode(body), payload).not.toMatch(/SQLite format|"storages"/)
    }
    expect(
      (await handle(new Request(`castdesk-media://elsewhere/${encoded(keys.alice as string)}`))).status,
    ).toBe(404)
    expect(
      (await handle(new Request(url(encoded(keys.alice as string)), { method: 'POST', body: 'x' }))).status,
    ).toBe(405)
    // Bob reading his own file works through the same handler.
    acting = bob
    expect((await handle(new Request(url(encoded(keys.bob as string))))).status).toBe(200)
  })
})
