import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalStorage } from '../../../src/main/storage/local-storage'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-shown-path-')

/** A storage beside an `outside` folder holding the victim file a link may point at. */
function storage(): { store: LocalStorage; root: string; outside: string } {
  const base = dirs.make()
  // Destructive set-ups stay inside this run's temp folder.
  if (!base.startsWith(tmpdir())) throw new Error(`not a temp folder: ${base}`)
  const root = join(base, 'media')
  const outside = join(base, 'outside')
  mkdirSync(join(root, 'original_images'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(join(outside, 'victim.png'), 'not yours')
  return { store: new LocalStorage('default', root), root, outside }
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve))

describe('the path an item shows', () => {
  it('is the file’s path inside the storage, also for a file not there (yet)', () => {
    const { store, root } = storage()
    writeFileSync(join(root, 'original_images', 'a.png'), 'a')
    expect(store.shownPath('original_images/a.png')).toBe(join(root, 'original_images', 'a.png'))
    expect(store.shownPath('original_images/missing.png')).toBe(join(root, 'original_images', 'missing.png'))
    expect(store.shownPath('images/new-folder/b.png')).toBe(join(root, 'images', 'new-folder', 'b.png'))
  })

  it('is null for a file that is a link out of the storage, and kept for a link that stays inside', () => {
    const { store, root, outside } = storage()
    writeFileSync(join(root, 'original_images', 'inside.png'), 'inside')
    symlinkSync(join(outside, 'victim.png'), join(root, 'original_images', 'out.png'))
    symlinkSync(join(root, 'original_images', 'inside.png'), join(root, 'original_images', 'in.png'))
    expect(store.shownPath('original_images/out.png')).toBeNull()
    expect(store.shownPath('original_images/in.png')).toBe(join(root, 'original_images', 'in.png'))
  })

  it('is null below a folder that is a link out, also when the folder became one after a listing', async () => {
    const { store, root, outside } = storage()
    symlinkSync(outside, join(root, 'cast_files'))
    expect(store.shownPath('cast_files/victim.png')).toBeNull()
    mkdirSync(join(root, 'images'))
    expect(store.shownPath('images/x.png')).toBe(join(root, 'images', 'x.png'))
    // Folders are looked up once per synchronous run: the next listing sees the swap.
    await nextTick()
    rmSync(join(root, 'images'), { recursive: true })
    symlinkSync(outside, join(root, 'images'))
    expect(store.shownPath('images/victim.png')).toBeNull()
  })

  it('finds the one link out among many files of a folder (read whole after the first few)', () => {
    const { store, root, outside } = storage()
    for (let i = 0; i < 40; i++) writeFileSync(join(root, 'original_images', `p${i}.png`), String(i))
    symlinkSync(join(outside, 'victim.png'), join(root, 'original_images', 'z-out.png'))
    const shown = Array.from({ length: 40 }, (_, i) => store.shownPath(`original_images/p${i}.png`))
    expect(shown.every((path, i) => path === join(root, 'original_images', `p${i}.png`))).toBe(true)
    expect(store.shownPath('original_images/z-out.png')).toBeNull()
    expect(store.shownPath('original_images/not-there.png')).toBe(
      join(root, 'original_images', 'not-there.png'),
    )
  })
})
