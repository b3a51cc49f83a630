import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotLibrary } from '../test/helpers/library-snapshot'
import { cliJsonOk, runCliProcess } from './lib/cli-process'
import { clearError, HostileLibrary } from './lib/hostile-cases'

/**
 * 2. Hostile input, chapter and transcript files: 10,000 chapters (and one too many), malformed,
 * deep, huge, entity-expanding and XXE chapter files, malformed transcripts. Each is refused with
 * a clear error (the library unchanged) or accepted whole, and other items never change (see
 * lib/hostile-cases.ts).
 */

const hostile = new HostileLibrary('hostile-words')
const { library, lib, tally } = hostile

describe('2. hostile input: chapter and transcript files', () => {
  beforeAll(() => hostile.seed(), 300_000)
  afterAll(() => hostile.remove())

  it('a 10,000-chapter file, then writing it into an MP3', async () => {
    const stamp = (ms: number) => {
      const s = Math.floor(ms / 1000)
      return `00:00:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`
    }
    const lines = Array.from({ length: 10_000 }, (_, i) => `${stamp(i)} Chapter ${i + 1}`)
    const { run } = await hostile.wordsCase(
      'chapters',
      'ten-thousand.txt',
      `${lines.join('\n')}\n`,
      'either',
      hostile.longAudio,
    )
    if (run.code === 0) {
      const shown = cliJsonOk<{ chapters: unknown[] }>(lib('audio', 'chapters', String(hostile.longAudio)))
      if (shown.chapters.length !== 10_000)
        tally.failures.push(`10,000 chapters: ${shown.chapters.length} stored`)
    }
    const before = snapshotLibrary(library)
    const write = await runCliProcess(lib('--json', 'audio', 'write-chapters', String(hostile.longAudio)), {
      timeoutMs: 120_000,
    })
    const problems: string[] = []
    if (write.code === 1) {
      problems.push(
        ...clearError((JSON.parse(write.stdout) as { error: { code: string; message: string } }).error),
      )
      if (snapshotLibrary(library) !== before) problems.push('the library changed on a refused write')
    } else if (write.code !== 0) problems.push(`the CLI ended with ${write.code ?? write.signal}`)
    tally.add('write 10,000 chapters into an MP3', problems)
    await hostile.wordsCase(
      'chapters',
      'ten-thousand-and-one.txt',
      `${[...lines, '00:00:11.000 One too many'].join('\n')}\n`,
      'error',
      hostile.longAudio,
    )
  })

  it('malformed chapter files', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    const cases: [string, string | Buffer, 'error' | 'either'][] = [
      ['empty.txt', '', 'error'],
      ['garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), 'error'],
      ['bad-time.txt', '00:61:00.000 Too many minutes\n', 'error'],
      ['duplicate-starts.txt', '00:00:01.000 One\n00:00:01.000 Two\n', 'error'],
      ['after-the-end.txt', '00:00:00.000 Start\n01:00:00.000 Way past the end\n', 'error'],
      ['no-title.txt', '00:00:01.000\n', 'error'],
      ['javascript-link.txt', '00:00:00.000 Click <javascript:alert(1)>\n', 'error'],
      ['negative.txt', '-00:00:01.000 Before the start\n', 'error'],
      ['huge-title.txt', `00:00:00.000 ${'A'.repeat(2_000_000)}\n`, 'either'],
      [
        'broken.psc',
        '<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters"><psc:chapter start=',
        'error',
      ],
      [
        'billion-laughs.psc',
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters"><psc:chapter start="00:00:00.000" title="&lol9;"/></psc:chapters>`,
        'either',
      ],
      [
        'xxe.psc',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters"><psc:chapter start="00:00:00.000" title="&xxe;"/></psc:chapters>',
        'either',
      ],
      ['wrong-types.json', '[{"start": {}, "title": 5}]', 'error'],
      [
        'podcasting2-bad.json',
        '{"version": "1.2.0", "chapters": [{"startTime": 1e308, "title": "Far"}]}',
        'error',
      ],
      [
        'podcasting2-nan.json',
        '{"version": "1.2.0", "chapters": [{"startTime": "NaN", "title": "Nope"}]}',
        'error',
      ],
      ['deep.json', deep, 'error'],
      [
        'proto.json',
        '{"__proto__": {"polluted": true}, "chapters": [{"startTime": 0, "title": "x"}]}',
        'either',
      ],
      ['audacity-nan.txt', 'NaN\tNaN\tNot a number\n', 'error'],
      [
        'ffmetadata-zero-timebase.txt',
        ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=0/0\nSTART=0\nEND=1000\ntitle=Zero\n',
        'error',
      ],
      [
        'utf16.txt',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('00:00:00.000 Hi\n', 'utf16le')]),
        'either',
      ],
    ]
    for (const [name, content, want] of cases) await hostile.wordsCase('chapters', name, content, want)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('malformed transcript files', async () => {
    const cases: [string, string | Buffer, 'error' | 'either'][] = [
      ['empty.vtt', '', 'error'],
      ['no-header.vtt', '00:00:00.000 --> 00:00:01.000\nHello\n', 'either'],
      ['end-before-start.vtt', 'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBackwards\n', 'error'],
      ['bad-time.vtt', 'WEBVTT\n\n00:00:xx.000 --> 00:00:01.000\nBroken\n', 'error'],
      ['garbage.srt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) % 256)), 'error'],
      ['bad-index.srt', 'one\n00:00:00,000 --> 00:00:01,000\nHi\n', 'either'],
      ['wrong-shape.json', '{"transcripts": "nope"}', 'error'],
      ['dote-wrong.json', '{"lines": [{"startTime": [], "text": {}}]}', 'error'],
      ['podcasting2-missing.json', '{"version": "1.0.0"}', 'error'],
      ['deep.json', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, 'error'],
      ['huge-cue.vtt', `WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n${'word '.repeat(400_000)}\n`, 'either'],
      [
        'control.vtt',
        'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v \u0007Bell\u202e>Hi\u0000there\n',
        'either',
      ],
      ['script.vtt', 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<script>alert(1)</script>\n', 'either'],
    ]
    for (const [name, content, want] of cases) await hostile.wordsCase('transcript', name, content, want)
  })

  it('records the figure', () => {
    hostile.record('hostile chapter and transcript files')
    expect(tally.failures).toEqual([])
  })
})
