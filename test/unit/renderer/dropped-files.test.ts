import { describe, expect, it } from 'vitest'
import { type DroppedEntry, filesOfEntries } from '../../../src/renderer/src/features/import/dropped-files'

const file = (name: string): DroppedEntry => ({
  isFile: true,
  isDirectory: false,
  name,
  file: (ok) => ok(new File([name], name)),
})

/** A folder whose reader hands out its children two at a time, as real readers do in batches. */
const folder = (name: string, children: DroppedEntry[]): DroppedEntry => ({
  isFile: false,
  isDirectory: true,
  name,
  createReader: () => {
    let at = 0
    return {
      readEntries: (ok) => {
        ok(children.slice(at, at + 2))
        at += 2
      },
    }
  },
})

describe('dropped folders', () => {
  it('walks nested folders through batched readers and skips hidden files', async () => {
    const dropped = [
      file('cover.png'),
      folder('ep12', [
        file('ep12.mp3'),
        file('.DS_Store'),
        file('ep12.m4a'),
        folder('art', [file('a.jpg'), file('b.jpg'), file('c.jpg')]),
        folder('.git', [file('config')]),
      ]),
    ]
    const names = (await filesOfEntries(dropped)).map((f) => f.name)
    expect(names).toEqual(['cover.png', 'ep12.mp3', 'ep12.m4a', 'a.jpg', 'b.jpg', 'c.jpg'])
  })

  it('skips a Castdesk library met in a dropped folder, whole', async () => {
    const dropped = [
      folder('Podcast', [
        file('ep1.mp3'),
        folder('Castdesk', [
          file('castdesk.config.json'),
          file('library.sqlite'),
          file('library.sqlite-wal'),
          folder('media', [folder('cast_audio', [file('ep0.mp3')])]),
        ]),
      ]),
    ]
    expect((await filesOfEntries(dropped)).map((f) => f.name)).toEqual(['ep1.mp3'])
  })

  it('stops at the limit', async () => {
    const many = folder(
      'many',
      Array.from({ length: 30 }, (_, n) => file(`${n}.txt`)),
    )
    expect(await filesOfEntries([many], 7)).toHaveLength(7)
  })
})
