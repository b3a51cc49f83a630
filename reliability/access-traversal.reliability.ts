import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMediaProtocolHandler } from '../src/main/media-access/media-protocol-handler'
import { closeAccessFixture, fx, leaks, openAccessFixture, rawGet } from './lib/access-fixture'
import { recordFigure, Tally } from './lib/figures'
import { asKey, TRAVERSAL_PAYLOADS } from './lib/traversal-payloads'

/**
 * 4. Access, path traversal: payloads go at `/media/` (a real `castdesk serve`), at the desktop
 * app's `castdesk-media://` handler, and, decoded, at the storage's keys, aiming at the database
 * beside the media folder, secrets planted beside it and a link planted inside it that leads out.
 */

const traversal = { http: new Tally(), keys: new Tally(), protocol: new Tally() }

describe('4. access: path traversal', () => {
  beforeAll(openAccessFixture, 300_000)
  afterAll(closeAccessFixture)

  it('path traversal against /media/ and storage keys', async () => {
    const { dir, root, call, alice, library } = fx
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
      // The link planted in cast_files/ leads out of the storage: every operation refuses it
      // (access-symlinks.reliability.ts tries each one through traps of its own).
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

  it('records the figure', () => {
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
    expect(paths.flatMap((t) => t.failures)).toEqual([])
  })
})
