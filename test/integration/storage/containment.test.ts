import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mediaHandlers } from '../../../src/main/api/media.handlers'
import { LOCAL_TMP_DIR, LocalStorage } from '../../../src/main/storage/local-storage'
import type { ImageItem } from '../../../src/shared/media'
import { freshDirs } from '../../helpers/fresh-dirs'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { census, plantTrap } from '../../helpers/symlink-trap'
import { openLibrary } from './support/library-fixture'

const dirs = freshDirs('castdesk-containment-')

/** A storage root and, beside it, a victim folder with one file the traps point at. */
function setup() {
  const temp = resolve(dirs.make())
  const root = join(temp, 'media')
  const victimDir = join(temp, 'victim')
  const victim = join(victimDir, 'ep.mp3')
  mkdirSync(join(root, 'cast_audio'), { recursive: true })
  mkdirSync(victimDir)
  writeFileSync(victim, 'the only copy of something precious')
  expect(victim.startsWith(temp + sep)).toBe(true)
  const source = join(temp, 'incoming.mp3')
  writeFileSync(source, 'new bytes')
  return { temp, root, victimDir, victim, source, store: new LocalStorage('default', root) }
}

type Setup = ReturnType<typeof setup>

/** Each trap: where the link is planted, what it points at, and the key that goes through it. */
const TRAPS: { name: string; plant: (s: Setup) => void; key: string }[] = [
  {
    name: 'a linked folder',
    plant: (s) => plantTrap(s.temp, s.victimDir, join(s.root, 'cast_videos')),
    key: 'cast_videos/ep.mp3',
  },
  {
    name: 'a linked folder three levels down',
    plant: (s) => {
      mkdirSync(join(s.root, 'cast_audio', '2026', 'june'), { recursive: true })
      plantTrap(s.temp, s.victimDir, join(s.root, 'cast_audio', '2026', 'june', 'show'))
    },
    key: 'cast_audio/2026/june/show/ep.mp3',
  },
  {
    name: 'a linked file',
    plant: (s) => plantTrap(s.temp, s.victim, join(s.root, 'cast_audio', 'ep.mp3')),
    key: 'cast_audio/ep.mp3',
  },
  {
    name: 'a relative link climbing out',
    plant: (s) => plantTrap(s.temp, '../../victim', join(s.root, 'cast_audio', 'up')),
    key: 'cast_audio/up/ep.mp3',
  },
  {
    name: 'a dangling link to a file not yet made outside',
    plant: (s) => plantTrap(s.temp, join(s.victimDir, 'new.mp3'), join(s.root, 'cast_audio', 'new.mp3')),
    key: 'cast_audio/new.mp3',
  },
]

const OPERATIONS: { name: string; run: (s: Setup, key: string) => Promise<unknown> }[] = [
  { name: 'put', run: (s, key) => s.store.put(key, Buffer.from('new bytes')) },
  { name: 'putFile (copy)', run: (s, key) => s.store.putFile(key, s.source) },
  { name: 'putFile (move)', run: (s, key) => s.store.putFile(key, s.source, { move: true }) },
  { name: 'get', run: (s, key) => s.store.get(key) },
  { name: 'head', run: (s, key) => s.store.head(key) },
  { name: 'delete', run: (s, key) => s.store.delete(key) },
  { name: 'localPath', run: async (s, key) => s.store.localPath(key) },
]

describe('a local storage never follows a link out of its root', () => {
  for (const trap of TRAPS) {
    it.each(OPERATIONS.map((op) => op.name))(`refuses %s through ${trap.name}`, async (opName) => {
      const s = setup()
      trap.plant(s)
      const before = census(s.temp)
      const op = OPERATIONS.find((o) => o.name === opName)
      const error = await op?.run(s, trap.key).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toMatchObject({ code: 'unsafe_path' })
      expect((error as Error).message).toContain('leads outside the storage "default"')
      expect((error as Error).message).toContain("set the storage's location to that folder")
      expect(census(s.temp)).toEqual(before)
      expect(readFileSync(s.victim, 'utf8')).toBe('the only copy of something precious')
    })
  }

  it('refuses a temp folder linked out of the root, for writes and for cleaning up', async () => {
    const s = setup()
    writeFileSync(join(s.victimDir, '999999-abandoned.part'), 'not a partial write')
    plantTrap(s.temp, s.victimDir, join(s.root, LOCAL_TMP_DIR))
    const before = census(s.temp)
    await expect(s.store.put('cast_audio/x.mp3', Buffer.from('x'))).rejects.toMatchObject({
      code: 'unsafe_path',
    })
    await expect(s.store.removeAbandonedWrites(() => false)).rejects.toMatchObject({ code: 'unsafe_path' })
    expect(census(s.temp)).toEqual(before)
  })

  it('lists nothing behind a link and shows no path for a refused file', async () => {
    const s = setup()
    plantTrap(s.temp, s.victimDir, join(s.root, 'cast_videos'))
    const keys: string[] = []
    for await (const object of s.store.list()) keys.push(object.key)
    expect(keys).toEqual([])
    expect(s.store.url('cast_videos/ep.mp3')).toMatch(/^file:/)
  })

  it('follows links that stay inside the root', async () => {
    const s = setup()
    mkdirSync(join(s.root, 'archive', 'audio'), { recursive: true })
    plantTrap(s.temp, join(s.root, 'archive', 'audio'), join(s.root, 'cast_videos'))
    plantTrap(s.temp, '../archive', join(s.root, 'cast_audio', 'old'))
    await s.store.put('cast_videos/a.mp3', Buffer.from('aaa'))
    await s.store.putFile('cast_audio/old/audio/b.mp3', s.source, { move: true })
    expect(readFileSync(join(s.root, 'archive', 'audio', 'a.mp3'), 'utf8')).toBe('aaa')
    expect(readFileSync(join(s.root, 'archive', 'audio', 'b.mp3'), 'utf8')).toBe('new bytes')
    expect((await s.store.head('cast_videos/b.mp3'))?.size).toBe(9)
    expect(s.store.localPath('cast_videos/a.mp3')).toBe(join(s.root, 'cast_videos', 'a.mp3'))
    await s.store.delete('cast_videos/a.mp3')
    expect(existsSync(join(s.root, 'archive', 'audio', 'a.mp3'))).toBe(false)
  })

  it('accepts a root that is itself a link (media on another disk is the location)', async () => {
    const s = setup()
    const disk = makeDir(s.temp, 'other-disk')
    plantTrap(s.temp, disk, join(s.temp, 'linked-root'))
    const store = new LocalStorage('default', join(s.temp, 'linked-root'))
    await store.put('cast_audio/a.mp3', Buffer.from('aaa'))
    expect(readFileSync(join(disk, 'cast_audio', 'a.mp3'), 'utf8')).toBe('aaa')
  })
})

describe('library operations through a trap', () => {
  it('emptying the trash refuses a file behind a link and deletes the rest', async () => {
    const temp = resolve(dirs.make())
    const dir = join(temp, 'library')
    const lib = await openLibrary(dir, { storages: { default: { type: 'local', location: 'media' } } })
    dirs.cleanup(lib.close)
    const inbox = makeDir(temp, 'inbox')
    await makeImage(join(inbox, 'keep.png'), 'png', { seed: 1 })
    await makeImage(join(inbox, 'trap.png'), 'png', { seed: 2 })
    await lib.library.importer.importPaths(lib.context.user.id, [inbox])
    const items = lib.library.mediaRead.list(lib.context.user.id) as ImageItem[]
    const trapped = items.find((i) => i.title === 'trap') as ImageItem
    // The user moves the original folder away and links a folder outside in its place, holding
    // a file of the same name that is not Castdesk's.
    const victimDir = makeDir(temp, 'victim')
    const victim = join(victimDir, trapped.file.key.split('/').at(-1) as string)
    writeFileSync(victim, 'not castdesk media')
    const originals = join(dir, 'media', trapped.file.key.split('/')[0] as string)
    const { renameSync } = await import('node:fs')
    renameSync(originals, join(dir, 'media', 'moved-away'))
    plantTrap(temp, victimDir, originals)
    const before = census(victimDir)
    await mediaHandlers(lib.library)['media.delete']({ id: trapped.id }, lib.context)
    // Two files in a tiny library: more than maxDeleteFraction, so the count is confirmed.
    const report = await lib.call('trash.empty', { maxDelete: 2 }, lib.context)
    expect(JSON.stringify(report)).toContain('unsafe_path')
    expect(census(victimDir)).toEqual(before)
  })

  it('a library whose storage temp folder links out still opens, and leaves what is behind the link alone', async () => {
    const temp = resolve(dirs.make())
    const dir = join(temp, 'library')
    const victimDir = makeDir(temp, 'victim')
    writeFileSync(join(victimDir, '1-abandoned.part'), 'looks like a partial write of a dead process')
    mkdirSync(join(dir, 'media'), { recursive: true })
    plantTrap(temp, victimDir, join(dir, 'media', LOCAL_TMP_DIR))
    const before = census(victimDir)
    // Setting the storage up writes its marker through the temp folder, which the link refuses.
    const config = { storages: { default: { type: 'local', location: 'media' } } }
    const lib = await openLibrary(dir, config, {}, { initStorages: false })
    dirs.cleanup(lib.close)
    expect(census(victimDir)).toEqual(before)
    expect(readFileSync(join(dir, 'logs', 'castdesk.log'), 'utf8')).toContain('recover.unsafe_path')
  })
})
