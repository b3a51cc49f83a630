import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AudioChapters, ExportedText } from '../../../src/shared/api/audio.api'
import type { ImportOutcome } from '../../../src/shared/media'
import { makeDir } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { makeChapteredAudio } from './audio-fixtures'

const FORMATS = ['mp4chaps', 'psc', 'podlove-json', 'podcasting2', 'audacity', 'ffmetadata'] as const
/** What each format keeps besides start and title. */
const KEEPS: Record<(typeof FORMATS)[number], { link: boolean; image: boolean }> = {
  mp4chaps: { link: true, image: false },
  psc: { link: true, image: true },
  'podlove-json': { link: true, image: true },
  podcasting2: { link: true, image: true },
  audacity: { link: false, image: false },
  ffmetadata: { link: false, image: false },
}

const MARKS = [
  { start_ms: 0, title: 'Hello', link: null, image: null },
  {
    start_ms: 185_500,
    title: 'Flour & <water>',
    link: 'https://example.org/flour',
    image: 'https://example.org/f.jpg',
  },
  { start_ms: 600_001, title: 'Ünïcödé 🎙 "quoted"', link: null, image: null },
]

describe('castdesk audio chapters', () => {
  const root = tempDir('castdesk-audio-chapters-')
  const library = join(root, 'library')
  const files = makeDir(root, 'files')
  let id: number
  const cli = (...args: string[]) => runCli(['--library', library, '--user', 'ann', ...args])
  const cliJson = <T>(...args: string[]) => runCliJson<T>(['--library', library, '--user', 'ann', ...args])
  const file = (name: string, text: string) => {
    const path = join(files, name)
    writeFileSync(path, text)
    return path
  }

  beforeAll(() => {
    const audio = makeChapteredAudio(join(files, 'long.mp3'), 'mp3', { seconds: 700, chapters: false })
    runCli(['--library', library, 'init'])
    id = cliJson<ImportOutcome[]>('import', audio).json[0]?.id as number
  })

  it('round-trips the chapter marks through every format', () => {
    for (const format of FORMATS) {
      const importOriginal = file(
        'start.json',
        JSON.stringify(
          MARKS.map((m) => ({ start: m.start_ms, title: m.title, href: m.link, image: m.image })),
        ),
      )
      const reset = cli(
        'audio',
        'chapters',
        String(id),
        '--import',
        importOriginal,
        '--format',
        'podlove-json',
      )
      expect(reset.code, reset.stderr).toBe(0)
      const exported = cliJson<ExportedText>('audio', 'chapters', String(id), '--export', format).json
      expect(exported.format).toBe(format)
      const again = file(`again.${exported.extension}`, exported.text)
      const imported = cliJson<AudioChapters & { format: string }>(
        'audio',
        'chapters',
        String(id),
        '--import',
        again,
      )
      expect(imported.code, imported.stderr).toBe(0)
      expect(imported.json.format).toBe(format)
      expect(imported.json.chapters).toEqual(
        MARKS.map((m) => ({
          ...m,
          link: KEEPS[format].link ? m.link : null,
          image: KEEPS[format].image ? m.image : null,
        })),
      )
    }
  })

  it('prints an export as the file itself without --json', () => {
    const result = cli('audio', 'chapters', String(id), '--export', 'mp4chaps')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.split('\n')[0]).toBe('00:00:00.000 Hello')
  })

  it('lists the marks', () => {
    const listed = cliJson<AudioChapters>('audio', 'chapters', String(id))
    expect(listed.json.chapters.map((c) => c.start_ms)).toEqual([0, 185_500, 600_001])
    expect(cli('audio', 'chapters', String(id)).stdout).toContain('00:03:05.500  Flour & <water>')
  })

  it('names the line of a bad timestamp and changes nothing', () => {
    const lines = [
      '00:00:00 A',
      '00:01:00 B',
      '00:02:00 C',
      '00:03:00 D',
      '00:04:00 E',
      '00:05:00 F',
      '00:6x:00 G',
    ]
    const result = cliJson<{ error: { code: string; message: string } }>(
      'audio',
      'chapters',
      String(id),
      '--import',
      file('bad.txt', lines.join('\n')),
    )
    expect(result.code).toBe(1)
    expect(result.json.error.code).toBe('invalid_chapters')
    expect(result.json.error.message).toMatch(/[Ll]ine 7/)
    expect(cliJson<AudioChapters>('audio', 'chapters', String(id)).json.chapters).toHaveLength(3)
  })

  it('rejects JSON of the wrong shape with a sentence', () => {
    const result = cliJson<{ error: { code: string; message: string } }>(
      'audio',
      'chapters',
      String(id),
      '--import',
      file('shape.json', '{"version": "1.2.0", "chapters": {"startTime": 1}}'),
    )
    expect(result.json.error.code).toBe('invalid_chapters')
    expect(result.json.error.message.length).toBeGreaterThan(20)
  })

  it('lists every validation problem: same start, past the end, a bad link', () => {
    const result = cliJson<{ error: { code: string; message: string } }>(
      'audio',
      'chapters',
      String(id),
      '--import',
      file(
        'invalid.json',
        JSON.stringify([
          { start: '00:00:10.000', title: 'One' },
          { start: '00:00:10.000', title: 'Two' },
          { start: '00:20:00.000', title: 'Late' },
          { start: '00:00:20.000', title: 'Link', href: 'javascript:alert(1)' },
        ]),
      ),
    )
    expect(result.json.error.code).toBe('invalid_chapters')
    const problems = result.json.error.message.split('\n')
    expect(problems).toHaveLength(3)
    expect(problems.join('\n')).toMatch(/same time as chapter 1/)
    expect(problems.join('\n')).toMatch(/after the end of the episode/)
    expect(problems.join('\n')).toMatch(/a link that is not an http\(s\) URL/)
  })

  it('handles a 10,000-chapter file', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `${(i * 0.05).toFixed(3)} Chapter ${i + 1}`)
    const big = cliJson<AudioChapters>(
      'audio',
      'chapters',
      String(id),
      '--import',
      file('big.txt', lines.join('\n')),
    )
    expect(big.code).toBe(0)
    expect(big.json.chapters).toHaveLength(10_000)
    expect(big.json.chapters.at(-1)).toMatchObject({ start_ms: 499_950, title: 'Chapter 10000' })

    // One more than an editor could save again (audio.setChapters takes 10,000): refused, unchanged.
    const tooMany = cliJson<{ error: { code: string; message: string } }>(
      'audio',
      'chapters',
      String(id),
      '--import',
      file('too-many.txt', [...lines, '500.000 Chapter 10001'].join('\n')),
    )
    expect(tooMany.code).toBe(1)
    expect(tooMany.json.error.code).toBe('invalid_chapters')
    expect(tooMany.json.error.message).toMatch(/^There are 10001 chapters; an Audio holds at most 10000\./)
    expect(cliJson<AudioChapters>('audio', 'chapters', String(id)).json.chapters).toHaveLength(10_000)
  })

  it('refuses conflicting options as a usage error', () => {
    const result = cli('audio', 'chapters', String(id), '--export', 'psc', '--from-file')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Use one of --import, --export and --from-file/)
    expect(cli('audio', 'chapters', String(id), '--export', 'docx').code).toBe(2)
  })

  it('says not found for another user’s audio', () => {
    const result = runCliJson<{ error: { code: string } }>([
      '--library',
      library,
      '--user',
      'bob',
      'audio',
      'chapters',
      String(id),
    ])
    expect(result.code).toBe(1)
    expect(result.json.error.code).toBe('not_found')
  })

  it('edits the title and subtitle', () => {
    const edited = cliJson<{ title: string; subtitle: string }>(
      'audio',
      'edit',
      String(id),
      '--title',
      'KR012 Sourdough',
      '--subtitle',
      'Starter basics',
    )
    expect(edited.json).toEqual({ id, title: 'KR012 Sourdough', subtitle: 'Starter basics' })
    const player = cliJson<{ title: string; subtitle: string }>('audio', 'player', String(id)).json
    expect([player.title, player.subtitle]).toEqual(['KR012 Sourdough', 'Starter basics'])
  })
})
