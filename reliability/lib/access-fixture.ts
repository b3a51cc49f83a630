import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { type Call, createDispatcher } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlers'
import { actingUser } from '../../src/main/api/users.handlers'
import { Library } from '../../src/main/library/library'
import type { CallContext } from '../../src/shared/api'
import { makeAudio, makeDir, makeImage, makeVideo } from '../../test/helpers/media-fixtures'
import { CLI } from '../../test/helpers/run-cli'
import { cliJsonOk, cliOk } from './cli-process'
import { itemsDigest } from './items-digest'
import { LEAK_MARKERS } from './traversal-payloads'

/**
 * The library the access section attacks (reliability/access-*.reliability.ts): Alice and Bob, Bob
 * with an image, audio (chapters, transcript), a video, a file, a trashed item and a gallery;
 * secrets beside the library and a link planted in its media folder that points out of it; a
 * real `castdesk serve` and Alice's API token. Each file opens its own.
 */
export const BOB_WORD = 'zanzibarsecret'
export const REFUSALS = ['not_found', 'forbidden', 'unauthorized']

export interface AccessFixture {
  root: string
  dir: string
  library: Library
  call: Call
  alice: CallContext
  server: ChildProcess | null
  url: string
  aliceToken: string
  bob: {
    image: number
    audio: number
    video: number
    file: number
    trashed: number
    gallery: number
    imageKey: string
    audioKey: string
    ids: number[]
  }
}

export const fx = { server: null, url: '', aliceToken: '' } as unknown as AccessFixture

/** CLI arguments acting as `user` on the fixture's library. */
export const as = (user: string, ...args: string[]) => ['--library', fx.dir, '--user', user, ...args]

export const bobDigest = () => itemsDigest(fx.dir, fx.bob.ids)

export const leaks = (text: string) =>
  LEAK_MARKERS.filter((m) => text.includes(m)).concat(text.includes(BOB_WORD) ? [BOB_WORD] : [])

export async function openAccessFixture(): Promise<AccessFixture> {
  const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-access-'))
  const dir = join(root, 'library')
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
  Object.assign(fx, { root, dir, bob })
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
  bob.trashed = cliJsonOk<{ id: number }[]>(as('bob', 'import', join(src, 'bob-trash.txt')))[0]?.id as number
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
  fx.aliceToken = cliJsonOk<{ token: string }>(as('alice', 'users', 'token', 'alice')).token

  const library = await Library.open(dir)
  fx.library = library
  fx.call = createDispatcher(createHandlers(library))
  fx.alice = { user: actingUser(library, 'alice') }
  const server = spawn(process.execPath, [CLI, ...as('alice', '--json', 'serve', '--port', '0')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const [line] = (await once(createInterface({ input: server.stdout as NodeJS.ReadableStream }), 'line')) as [
    string,
  ]
  fx.server = server
  fx.url = (JSON.parse(line) as { url: string }).url
  // The server runs the queued jobs (posters, peaks, renditions): let them finish, so that
  // Bob's items change only if an attempt changes them.
  const pending = library.db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM jobs WHERE state IN ('queued', 'running')",
  )
  for (let i = 0; i < 600 && (pending.get()?.n ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 100))
  return fx
}

export function closeAccessFixture(): void {
  fx.server?.kill('SIGTERM')
  fx.library?.close()
  if (fx.root) rmSync(fx.root, { recursive: true, force: true })
}

/** GET with the path exactly as written (fetch would normalise the dot segments away). */
export function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(fx.url)
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: 'GET',
        headers: { Authorization: `Bearer ${fx.aliceToken}` },
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
