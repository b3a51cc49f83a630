import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Call, createDispatcher } from '../src/main/api/dispatch'
import { createHandlers } from '../src/main/api/handlers'
import { actingUser } from '../src/main/api/users.handlers'
import { Library } from '../src/main/library/library'
import { createMediaProtocolHandler } from '../src/main/media-access/media-protocol-handler'
import { type CastdeskServer, startServer } from '../src/main/server/server'
import { LOCAL_TMP_DIR, LocalStorage } from '../src/main/storage/local-storage'
import type { CallContext } from '../src/shared/api'
import type { ImageItem } from '../src/shared/media'
import { makeDir, makeImage } from '../test/helpers/media-fixtures'
import { census, plantTrap } from '../test/helpers/symlink-trap'
import { recordFigure, Tally } from './lib/figures'

/**
 * 4. Access: symlink traps. Links planted inside the local storages lead to a victim folder beside
 * the library (inside this run's own temp folder, never a system path). Every storage operation is
 * tried through them — write, rename (the atomic temp-file rename and a moved source), delete,
 * stale delete, media restore, trash empty, reads of the storage, `/media/` and `castdesk-media://`.
 * An attempt counts as refused when it fails with `unsafe_path` (or, for the listings of stale
 * delete, never sees the victim) and every victim file is unchanged by SHA-256.
 */

const temp = resolve(mkdtempSync(join(tmpdir(), 'castdesk-reliability-symlinks-')))
const dir = join(temp, 'library')
const victimDir = join(temp, 'victim')
const VICTIM_TEXT = 'castdesk-victim-marker: the only copy of something precious\n'
const byOperation = new Map<string, Tally>()

let library: Library
let call: Call
let ann: CallContext
let server: CastdeskServer
let token = ''
let item: ImageItem
let trashed: ImageItem

const tally = (operation: string) => {
  const existing = byOperation.get(operation)
  if (existing) return existing
  const made = new Tally()
  byOperation.set(operation, made)
  return made
}

/** Runs one attempt: `problems` from the attempt itself, plus any change to the victims. */
async function trap(operation: string, label: string, attempt: () => Promise<string[]>): Promise<void> {
  const before = census(victimDir)
  await tally(operation).attempt(`${operation}: ${label}`, async () => {
    const problems = await attempt()
    const after = census(victimDir)
    if (JSON.stringify(after) !== JSON.stringify(before))
      problems.push(`the victim folder changed: ${JSON.stringify(after).slice(0, 200)}`)
    return problems
  })
}

/** Problems unless `run` fails with unsafe_path. */
async function refused(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run()
    return ['it ran']
  } catch (error) {
    const code = (error as { code?: string }).code
    return code === 'unsafe_path' ? [] : [`failed as ${code}: ${(error as Error).message}`]
  }
}

/** A folder of `storage` replaced by a link to the victim folder (the real one moved aside). */
function linkFolder(storageRoot: string, folder: string): void {
  const path = join(storageRoot, folder)
  mkdirSync(path, { recursive: true })
  renameSync(path, join(storageRoot, `${folder.replaceAll('/', '_')}-moved-away`))
  plantTrap(temp, victimDir, path)
}

function unlinkFolder(storageRoot: string, folder: string): void {
  const path = join(storageRoot, folder)
  rmSync(path)
  renameSync(join(storageRoot, `${folder.replaceAll('/', '_')}-moved-away`), path)
}

describe('4. access: symlink traps', () => {
  beforeAll(async () => {
    mkdirSync(victimDir)
    for (const name of ['ep.mp3', 'passwd', 'photo.png', 'notes.txt'])
      writeFileSync(join(victimDir, name), `${VICTIM_TEXT}${name}\n`)
    expect(join(victimDir, 'passwd').startsWith(temp + sep)).toBe(true)
    mkdirSync(dir)
    writeFileSync(
      join(dir, 'castdesk.config.json'),
      JSON.stringify({
        storages: {
          default: { type: 'local', location: 'media' },
          production: { type: 'local', location: join(temp, 'production') },
          backup: { type: 'local', location: join(temp, 'backup') },
        },
      }),
    )
    library = await Library.open(dir, { create: true })
    // A storage root is made only by `storages init` (its marker); default is set up at creation.
    await library.storages.identity.init('production')
    await library.storages.identity.init('backup')
    call = createDispatcher(createHandlers(library))
    ann = { user: actingUser(library, 'ann') }
    const inbox = makeDir(temp, 'inbox')
    await makeImage(join(inbox, 'kept.png'), 'png', { seed: 1 })
    await makeImage(join(inbox, 'binned.png'), 'png', { seed: 2 })
    await library.importer.importPaths(ann.user.id, [inbox])
    const items = library.mediaRead.list(ann.user.id) as ImageItem[]
    item = items.find((i) => i.title === 'kept') as ImageItem
    trashed = items.find((i) => i.title === 'binned') as ImageItem
    // The victim folder holds files named as the items' originals.
    for (const it of [item, trashed])
      writeFileSync(
        join(victimDir, it.file.key.split('/').at(-1) as string),
        `${VICTIM_TEXT}${it.file.key}\n`,
      )
    token = (await call('tokens.create', { user: 'ann', label: 'reliability' }, ann)).token
    server = await startServer(library, call, { port: 0, rendererDir: null })
  }, 120_000)
  afterAll(async () => {
    await server?.close()
    library?.close()
    rmSync(temp, { recursive: true, force: true })
  })

  it('writes, renames, deletes and reads of a storage through links out of it', async () => {
    const root = join(temp, 'traps')
    const store = new LocalStorage('traps', root)
    mkdirSync(join(root, 'cast_audio', '2026', 'june'), { recursive: true })
    plantTrap(temp, victimDir, join(root, 'cast_videos'))
    plantTrap(temp, victimDir, join(root, 'cast_audio', '2026', 'june', 'show'))
    plantTrap(temp, '../../victim', join(root, 'cast_audio', 'up'))
    plantTrap(temp, join(victimDir, 'ep.mp3'), join(root, 'cast_audio', 'ep.mp3'))
    plantTrap(temp, join(victimDir, 'new.mp3'), join(root, 'cast_audio', 'new.mp3'))
    const keys = {
      'a linked folder': 'cast_videos/ep.mp3',
      'a linked folder three levels down': 'cast_audio/2026/june/show/ep.mp3',
      'a relative link climbing out': 'cast_audio/up/ep.mp3',
      'a linked file': 'cast_audio/ep.mp3',
      'a dangling link': 'cast_audio/new.mp3',
    }
    const source = join(temp, 'incoming.mp3')
    for (const [label, key] of Object.entries(keys)) {
      await trap('write', label, () => refused(() => store.put(key, Buffer.from('overwritten'))))
      await trap('write', `${label} (copied file)`, () => refused(() => store.putFile(key, __filename)))
      writeFileSync(source, 'moved in')
      await trap('rename', label, () => refused(() => store.putFile(key, source, { move: true })))
      await trap('delete', label, () => refused(() => store.delete(key)))
      await trap('read', `get ${label}`, () => refused(() => store.get(key)))
      await trap('read', `head ${label}`, () => refused(() => store.head(key)))
      await trap('read', `localPath ${label}`, async () => refused(async () => store.localPath(key)))
    }
    const tmpRoot = join(temp, 'tmp-trap')
    mkdirSync(tmpRoot)
    plantTrap(temp, victimDir, join(tmpRoot, LOCAL_TMP_DIR))
    const tmpStore = new LocalStorage('tmp-trap', tmpRoot)
    await trap('rename', 'a linked temp folder (atomic write)', () =>
      refused(() => tmpStore.put('cast_audio/x.mp3', Buffer.from('x'))),
    )
    await trap('delete', 'a linked temp folder (abandoned writes)', () =>
      refused(() => tmpStore.removeAbandonedWrites(() => false)),
    )
  })

  it('stale delete, media restore and trash empty through links out of a storage', async () => {
    const production = join(temp, 'production')
    const backup = join(temp, 'backup')
    // Stale delete: a managed folder of production linked out; its files are no item's.
    linkFolder(production, 'cast_files')
    await trap('stale delete', 'a linked managed folder', async () => {
      const report = await call('maintenance.stale', { storage: 'production', delete: true }, ann)
      return report.files.some((f) => f.key.startsWith('cast_files/')) ? ['listed files behind the link'] : []
    })
    unlinkFolder(production, 'cast_files')
    mkdirSync(join(production, 'cast_files'), { recursive: true })
    plantTrap(temp, join(victimDir, 'notes.txt'), join(production, 'cast_files', 'notes.txt'))
    await trap('stale delete', 'a linked file in a managed folder', async () => {
      const report = await call('maintenance.stale', { storage: 'production', delete: true }, ann)
      return report.files.some((f) => f.key === 'cast_files/notes.txt') ? ['listed the link'] : []
    })
    rmSync(join(production, 'cast_files', 'notes.txt'))
    // Media restore: the backup holds files whose production folder is a link out.
    mkdirSync(join(backup, 'cast_audio'), { recursive: true })
    writeFileSync(join(backup, 'cast_audio', 'ep.mp3'), 'the backup copy')
    writeFileSync(join(backup, 'cast_audio', 'passwd'), 'the backup copy')
    linkFolder(production, 'cast_audio')
    await trap('media restore', 'a linked folder in production', async () => {
      const report = await call('maintenance.restore', { dryRun: false }, ann)
      const problems = report.copied > 0 ? [`copied ${report.copied}`] : []
      if (report.failures.length !== 2 || report.failures.some((f) => f.code !== 'unsafe_path'))
        problems.push(`failures ${JSON.stringify(report.failures)}`)
      return problems
    })
    unlinkFolder(production, 'cast_audio')
    // Trash empty: the trashed item's originals folder linked out, holding a file of its name.
    const media = join(dir, 'media')
    const folder = trashed.file.key.split('/')[0] as string
    await call('media.delete', { id: trashed.id }, ann)
    linkFolder(media, folder)
    await trap('trash empty', 'the originals folder linked out', async () => {
      // A tiny library: the one file of the trashed item is half of default, over maxDeleteFraction.
      const report = await call('trash.empty', { maxDelete: 1 }, ann)
      return report.failures.some((f) => f.code === 'unsafe_path')
        ? []
        : [`no unsafe_path failure: ${JSON.stringify(report)}`]
    })
  })

  it('reads through /media/ and castdesk-media:// of a file whose folder links out', async () => {
    const path = item.file.key.split('/').map(encodeURIComponent).join('/')
    const leaked = (body: string) => (body.includes('castdesk-victim-marker') ? ['victim bytes sent'] : [])
    await trap('read /media/', item.file.key, async () => {
      const response = await fetch(`${server.url}/media/${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
      const body = await response.text()
      return [
        ...(response.status === 403 && body.includes('unsafe_path') ? [] : [`status ${response.status}`]),
        ...leaked(body),
      ]
    })
    const protocol = createMediaProtocolHandler(call, () => ann)
    await trap('read castdesk-media://', item.file.key, async () => {
      const response = await protocol(new Request(`castdesk-media://media/${path}`))
      const body = await response.text()
      return [
        ...(response.status === 403 && body.includes('unsafe_path') ? [] : [`status ${response.status}`]),
        ...leaked(body),
      ]
    })
    await trap('read', 'media.show of the item still answers, without a path', async () => {
      const shown = (await call('media.show', { id: item.id }, ann)) as ImageItem
      return shown.file.path === null ? [] : [`path ${shown.file.path}`]
    })
  })

  it('records the figure', () => {
    const all = [...byOperation.values()]
    const figure = recordFigure({
      section: 'access',
      name: 'symlink traps',
      measure: 'traps refused with the victim unchanged (SHA-256) / tried',
      tried: all.reduce((n, t) => n + t.tried, 0),
      ok: all.reduce((n, t) => n + t.ok, 0),
      failures: all.flatMap((t) => t.failures),
      values: Object.fromEntries([...byOperation].map(([op, t]) => [op, `${t.ok}/${t.tried}`])),
      notes: [
        `victims: ${readdirSync(victimDir).length} files in this run's temp folder, never a system path`,
        'stale delete: a listing never follows a link, so nothing behind one can be called stale or deleted',
      ],
    })
    expect(figure.failures).toEqual([])
  })
})
