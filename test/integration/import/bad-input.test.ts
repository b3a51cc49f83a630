import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImportOutcome, MediaItem } from '../../../src/shared/media'
import { snapshotLibrary } from '../../helpers/library-snapshot'
import { makeAudio, makeDir, makeImage, makeVideo } from '../../helpers/media-fixtures'
import { runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

function truncate(path: string, fraction: number): void {
  const bytes = readFileSync(path)
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)))
}

describe('bad input', () => {
  const root = tempDir()
  const library = join(root, 'library')
  const cli = (...args: string[]) => runCliJson<ImportOutcome[]>(['--library', library, ...args])

  beforeAll(async () => {
    runCliJson(['--library', library, 'init'])
    const good = makeDir(root, 'good')
    await makeImage(join(good, 'cover.jpg'), 'jpeg')
    makeAudio(join(good, 'ep1.mp3'), 'mp3')
    expect(cli('import', good).code).toBe(0)
  })

  it('gives each broken file its own clear error and leaves the library unchanged', async () => {
    const bad = makeDir(root, 'bad')
    writeFileSync(join(bad, 'zero.mp3'), '')
    makeVideo(join(bad, 'truncated.mp4'), { seconds: 2 })
    truncate(join(bad, 'truncated.mp4'), 0.4)
    await makeImage(join(bad, 'truncated.jpg'), 'jpeg', { width: 600, height: 400 })
    truncate(join(bad, 'truncated.jpg'), 0.5)
    writeFileSync(join(bad, 'lies.mp3'), 'this is a shopping list, not audio\n')
    writeFileSync(
      join(bad, 'noise.png'),
      Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)),
    )
    writeFileSync(
      join(bad, 'master.wav'),
      Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(64)]),
    )
    const before = snapshotLibrary(library)

    const { code, json } = cli('import', bad, join(root, 'missing-folder'))

    expect(code).toBe(1)
    const errors = Object.fromEntries(json.map((o) => [o.path.split('/').at(-1), o.error?.code]))
    expect(errors).toEqual({
      'lies.mp3': 'corrupt_media',
      'master.wav': 'corrupt_media',
      'missing-folder': 'not_found',
      'noise.png': 'corrupt_media',
      'truncated.jpg': 'corrupt_media',
      'truncated.mp4': 'corrupt_media',
      'zero.mp3': 'empty_file',
    })
    for (const outcome of json) {
      expect(outcome.status).toBe('error')
      expect(outcome.error?.message.length).toBeGreaterThan(20)
    }
    expect(snapshotLibrary(library)).toBe(before)
  })

  it('imports files with hostile names under safe storage keys', () => {
    const hostile = makeDir(root, 'hostile')
    const names = [
      `${'long-name-'.repeat(24)}.txt`,
      'bell\u0007ring.txt',
      'invoice\u202Efdp.txt',
      'dots..in..the..middle..txt',
      'café-NFD-\u0065\u0301.txt',
    ]
    names.forEach((name, index) => {
      writeFileSync(join(hostile, name), `note ${index}\n`)
    })
    const rawName = Buffer.concat([
      Buffer.from(join(hostile, 'latin1-')),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('.txt'),
    ])
    writeFileSync(rawName, 'not utf-8 name\n')

    const { code, json } = cli('import', join(hostile, '..', 'hostile'))

    expect(code).toBe(0)
    expect(json).toHaveLength(names.length + 1)
    const items = runCliJson<MediaItem[]>(['--library', library, 'list', '--type', 'file']).json
    for (const item of items) {
      if (item.type !== 'file') continue
      expect(item.file.key).toMatch(/^cast_files\/[\p{L}\p{N}_.-]{1,84}\.txt$/u)
      expect(item.file.key.split('/')).not.toContain('..')
      expect([...item.title].some((c) => c.charCodeAt(0) < 0x20 || c === '\u202e')).toBe(false)
    }
  })

  it('follows a symlink loop only once', () => {
    const looped = makeDir(root, 'isolated', 'looped')
    writeFileSync(join(looped, 'only.txt'), 'once\n')
    symlinkSync('..', join(looped, 'parent'))
    symlinkSync('.', join(looped, 'self'))
    const { json } = cli('import', join(looped, 'self'))
    const paths = json.filter((o) => o.path.endsWith('only.txt'))
    expect(paths.map((o) => o.status)).toEqual(['imported'])
  })
})
