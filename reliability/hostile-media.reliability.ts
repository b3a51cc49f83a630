import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GDK_FAIL, GDK_RANDOMLY_MODIFIED, pngBomb } from '../test/helpers/hostile-media'
import { ffmpegPath, makeAudio, makeDir, makeImage, makeVideo } from '../test/helpers/media-fixtures'
import { type Expect, HostileLibrary, truncated } from './lib/hostile-cases'

/**
 * 2. Hostile input, media files: corrupt and fuzzed images, truncated and empty audio and video,
 * extensions that lie, a decompression bomb. Each is refused with a clear error or imported
 * correctly, and nothing already in the library changes (see lib/hostile-cases.ts).
 */

const hostile = new HostileLibrary('hostile-media')
const { root } = hostile

describe('2. hostile input: media files', () => {
  beforeAll(() => hostile.seed(), 300_000)
  afterAll(() => hostile.remove())

  it('gdk-pixbuf corrupt and fuzzed images', async () => {
    expect(existsSync(GDK_FAIL), 'install Debian’s gdk-pixbuf-tests (.ci/run does)').toBe(true)
    await hostile.importBatch(
      'gdk-pixbuf fail',
      GDK_FAIL,
      new Map(readdirSync(GDK_FAIL).map((n) => [n, 'error' as Expect])),
    )
    if (existsSync(GDK_RANDOMLY_MODIFIED)) {
      await hostile.importBatch(
        'gdk-pixbuf randomly-modified',
        GDK_RANDOMLY_MODIFIED,
        new Map(readdirSync(GDK_RANDOMLY_MODIFIED).map((n) => [n, 'either' as Expect])),
      )
    }
  })

  it('truncated and zero-byte audio and video, lying extensions, a 30000×30000 PNG', async () => {
    const made = makeDir(root, 'made')
    const folder = makeDir(root, 'broken-media')
    const cases = new Map<string, Expect>()
    for (const format of ['mp3', 'm4a', 'oga', 'opus'] as const) {
      const whole = makeAudio(join(made, `whole.${format}`), format, { seconds: 3, frequency: 700 })
      writeFileSync(join(folder, `zero.${format}`), '')
      cases.set(`zero.${format}`, 'error')
      truncated(whole, join(folder, `tenth.${format}`), 0.1)
      cases.set(`tenth.${format}`, 'either')
      truncated(whole, join(folder, `half.${format}`), 0.5)
      cases.set(`half.${format}`, 'either')
      truncated(whole, join(folder, `header-only.${format}`), 0.02)
      cases.set(`header-only.${format}`, 'either')
    }
    const mp4 = makeVideo(join(made, 'whole.mp4'), { seconds: 2 })
    for (const ext of ['mp4', 'webm', 'mkv', 'mov']) {
      writeFileSync(join(folder, `zero.${ext}`), '')
      cases.set(`zero.${ext}`, 'error')
    }
    const webm = join(made, 'whole.webm')
    execFileSync(ffmpegPath(), [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x120:rate=10:duration=2',
      '-c:v',
      'libvpx',
      webm,
    ])
    truncated(mp4, join(folder, 'truncated.mp4'), 0.4)
    cases.set('truncated.mp4', 'error')
    truncated(webm, join(folder, 'truncated.webm'), 0.4)
    cases.set('truncated.webm', 'either')
    truncated(mp4, join(folder, 'moov-cut.mp4'), 0.97)
    cases.set('moov-cut.mp4', 'either')
    // Extensions that lie: the bytes decide.
    const png = await makeImage(join(made, 'real.png'), 'png', { seed: 9 })
    const jpeg = await makeImage(join(made, 'real.jpg'), 'jpeg', { seed: 10 })
    const mp3 = makeAudio(join(made, 'real.mp3'), 'mp3', { seconds: 2, frequency: 880 })
    const lies: [string, string | Buffer, Expect][] = [
      ['png-named.jpg', readFileSync(png), 'image'],
      ['jpeg-named.png', readFileSync(jpeg), 'image'],
      ['mp3-named.m4a', readFileSync(mp3), 'audio'],
      ['mp4-named.mp3', readFileSync(mp4), 'video'],
      ['jpeg-named.mp4', readFileSync(jpeg), 'image'],
      ['text-named.mp3', 'this is a shopping list, not audio\n', 'error'],
      ['html-named.jpg', '<html><script>alert(1)</script></html>', 'error'],
      ['zip-named.mp4', Buffer.from('504b0304140000000800', 'hex'), 'error'],
      [
        'wav-named.mp3',
        Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(64)]),
        'error',
      ],
      ['elf-named.png', readFileSync(process.execPath).subarray(0, 4096), 'error'],
    ]
    for (const [name, bytes, want] of lies) {
      writeFileSync(join(folder, name), bytes)
      cases.set(name, want)
    }
    writeFileSync(join(folder, 'bomb-30000x30000.png'), pngBomb())
    cases.set('bomb-30000x30000.png', 'error')
    await hostile.importBatch('broken media', folder, cases)
  })

  it('records the figure', () => {
    hostile.record('hostile media files')
    expect(hostile.tally.failures).toEqual([])
  })
})
