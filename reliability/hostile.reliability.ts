import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../src/shared/errors'
import { GDK_FAIL, GDK_RANDOMLY_MODIFIED, pngBomb } from '../test/helpers/hostile-media'
import { sha256File, snapshotLibrary } from '../test/helpers/library-snapshot'
import { ffmpegPath, makeAudio, makeDir, makeImage, makeVideo } from '../test/helpers/media-fixtures'
import { CLI } from '../test/helpers/run-cli'
import { cliJsonOk, cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure, Tally } from './lib/figures'
import { itemsDigest } from './lib/items-digest'

/**
 * 2. Hostile input. Every input gets a clear per-item error (a stable code other than
 * `internal`, a sentence, no stack trace) or is imported correctly (the right type, the same
 * bytes, under a safe key); the CLI never crashes (exit 0 or 1, JSON on stdout); and the items
 * already in the library never change (their rows and files hashed before and after).
 */

type Expect = 'error' | 'either' | 'image' | 'audio' | 'video' | 'file'

interface Outcome {
  path: string
  status: 'imported' | 'duplicate' | 'error'
  id?: number
  type?: string
  error?: { code: string; message: string }
}

const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-hostile-'))
const library = join(root, 'library')
const lib = (...args: string[]) => ['--library', library, '--user', 'ann', ...args]
const tally = new Tally()
let existing: number[] = []
let baseAudio = 0
let longAudio = 0
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
const UNSAFE_TITLE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u
const SAFE_KEY =
  /^(original_images|images|cast_audio|cast_videos|cast_videos\/poster|cast_files|cast_transcript)\/[\p{L}\p{N}_.-]{1,120}$/u

function clearError(error: { code?: string; message?: string } | undefined): string[] {
  if (!error) return ['no error given']
  const problems: string[] = []
  if (!error.code || !(ERROR_CODES as readonly string[]).includes(error.code) || error.code === 'internal')
    problems.push(`unclear code ${error.code}`)
  if (!error.message || error.message.length < 20) problems.push(`message too short: ${error.message}`)
  if (/\n\s+at /.test(error.message ?? '')) problems.push('message carries a stack trace')
  return problems
}

function blobsOf(id: number): { key: string; sha256: string }[] {
  const db = new Database(join(library, 'library.sqlite'), { readonly: true })
  try {
    return db
      .prepare<[number], { key: string; sha256: string }>(
        'SELECT storage_key AS key, sha256 FROM blobs WHERE media_id = ?',
      )
      .all(id)
  } finally {
    db.close()
  }
}

function importedCorrectly(outcome: Outcome, source: string, want: Expect): string[] {
  const problems: string[] = []
  if (outcome.id === undefined) return ['imported without an id']
  if (want !== 'either' && outcome.type !== want) problems.push(`imported as ${outcome.type}, it is ${want}`)
  const item = cliJsonOk<{ title: string }>(lib('show', String(outcome.id)))
  if (UNSAFE_TITLE.test(item.title))
    problems.push(`title keeps control or direction characters: ${JSON.stringify(item.title)}`)
  const blobs = blobsOf(outcome.id)
  if (outcome.status === 'imported' && !blobs.some((b) => b.sha256 === sha256File(source)))
    problems.push('no stored file holds the same bytes')
  for (const blob of blobs)
    if (!SAFE_KEY.test(blob.key)) problems.push(`unsafe storage key ${JSON.stringify(blob.key)}`)
  return problems
}

/**
 * Imports a folder of cases in one CLI run and judges each outcome; `expect` maps file names to
 * what must happen. Pre-existing items must be unchanged; if every case is an error, the whole
 * library must be.
 */
async function importBatch(
  label: string,
  folder: string,
  expect: Map<string, Expect>,
  how: 'folder' | 'files' = 'folder',
) {
  const before = itemsDigest(library, existing)
  const whole = snapshotLibrary(library)
  // A folder import skips hidden and special files by design; named one by one, each is judged.
  const inputs = how === 'folder' ? [folder] : [...expect.keys()].map((name) => join(folder, name))
  const run = await runCliProcess(lib('--json', 'import', ...inputs), { timeoutMs: 180_000 })
  let outcomes: Outcome[] = []
  const crash: string[] = []
  if (run.code !== 0 && run.code !== 1)
    crash.push(`the CLI ended with ${run.code ?? run.signal}: ${run.stderr.slice(0, 300)}`)
  try {
    outcomes = JSON.parse(run.stdout) as Outcome[]
  } catch {
    crash.push(`no JSON on stdout: ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 300)}`)
  }
  const unchanged = itemsDigest(library, existing) === before ? [] : ['items already in the library changed']
  const allErrors = [...expect.values()].every((e) => e === 'error')
  if (allErrors && snapshotLibrary(library) !== whole)
    unchanged.push('the library changed although every input was refused')
  for (const [name, want] of expect) {
    const path = join(folder, name)
    tally.add(`${label}: ${JSON.stringify(name)}`, [
      ...crash,
      ...unchanged,
      ...(crash.length
        ? []
        : judge(
            outcomes.filter((o) => o.path === path),
            path,
            want,
          )),
    ])
  }
  for (const outcome of outcomes) if (outcome.status === 'imported' && outcome.id) existing.push(outcome.id)
  return outcomes
}

function judge(outcomes: Outcome[], path: string, want: Expect): string[] {
  if (outcomes.length !== 1) return [`${outcomes.length} outcomes for it`]
  const outcome = outcomes[0] as Outcome
  if (outcome.status === 'error')
    return want === 'error' || want === 'either'
      ? clearError(outcome.error)
      : [`refused: ${outcome.error?.code} ${outcome.error?.message}`]
  if (want === 'error') return [`${outcome.status} as ${outcome.type}, should be refused`]
  return importedCorrectly(outcome, path, want)
}

function truncated(from: string, to: string, fraction: number): void {
  const bytes = readFileSync(from)
  writeFileSync(to, bytes.subarray(0, Math.floor(bytes.length * fraction)))
}

/** One chapter or transcript file: a clear error (library unchanged) or accepted whole. */
async function wordsCase(
  kind: 'chapters' | 'transcript',
  name: string,
  content: string | Buffer,
  want: 'error' | 'either',
  id = baseAudio,
) {
  const folder = makeDir(root, `${kind}-files`)
  const path = join(folder, name)
  writeFileSync(path, content)
  const whole = snapshotLibrary(library)
  const before = itemsDigest(
    library,
    existing.filter((e) => e !== id),
  )
  const run = await runCliProcess(lib('--json', 'audio', kind, String(id), '--import', path), {
    timeoutMs: 120_000,
  })
  const problems: string[] = []
  if (run.code !== 0 && run.code !== 1) problems.push(`the CLI ended with ${run.code ?? run.signal}`)
  let body: { error?: { code: string; message: string }; chapters?: { title: string }[]; cues?: unknown[] } =
    {}
  try {
    body = JSON.parse(run.stdout)
  } catch {
    problems.push(`no JSON on stdout: ${run.stderr.slice(0, 200)}`)
  }
  if (run.code === 1) {
    problems.push(...clearError(body.error))
    if (snapshotLibrary(library) !== whole) problems.push('the library changed on a refused file')
  } else if (run.code === 0) {
    if (want === 'error') problems.push('accepted, should be refused')
    if (/root:|\/bin\/(ba)?sh/.test(run.stdout))
      problems.push('the result carries the content of a local file (XXE)')
  }
  if (
    itemsDigest(
      library,
      existing.filter((e) => e !== id),
    ) !== before
  )
    problems.push('other items changed')
  tally.add(`${kind}: ${name}`, problems)
  return { run, body }
}

describe('2. hostile input', () => {
  beforeAll(async () => {
    cliOk(lib('init'))
    const good = makeDir(root, 'good')
    await makeImage(join(good, 'cover.jpg'), 'jpeg', { width: 400, height: 300 })
    makeAudio(join(good, 'base-show.mp3'), 'mp3', { seconds: 6 })
    makeAudio(join(good, 'long-show.mp3'), 'mp3', { seconds: 12, frequency: 523 })
    writeFileSync(join(good, 'notes.txt'), 'Episode notes\n')
    const outcomes = cliJsonOk<Outcome[]>(lib('import', good))
    existing = outcomes.map((o) => o.id as number)
    baseAudio = outcomes.find((o) => o.path.endsWith('base-show.mp3'))?.id as number
    longAudio = outcomes.find((o) => o.path.endsWith('long-show.mp3'))?.id as number
    const chapters = join(good, 'chapters.txt')
    writeFileSync(
      chapters,
      '00:00:00.000 Welcome\n00:00:02.000 Topic <https://example.org/>\n00:00:04.000 Bye\n',
    )
    cliOk(lib('audio', 'chapters', String(baseAudio), '--import', chapters))
    const vtt = join(good, 'words.vtt')
    writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Ann>Welcome back.\n')
    cliOk(lib('audio', 'transcript', String(baseAudio), '--import', vtt))
  }, 300_000)
  afterAll(() => {
    rmSync(root, { recursive: true, force: true })
  })

  it('gdk-pixbuf corrupt and fuzzed images', async () => {
    expect(existsSync(GDK_FAIL), 'install Debian’s gdk-pixbuf-tests (.ci/run does)').toBe(true)
    await importBatch(
      'gdk-pixbuf fail',
      GDK_FAIL,
      new Map(readdirSync(GDK_FAIL).map((n) => [n, 'error' as Expect])),
    )
    if (existsSync(GDK_RANDOMLY_MODIFIED)) {
      await importBatch(
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
    await importBatch('broken media', folder, cases)
  })

  it('hostile names: ../, very long, control and right-to-left characters, NFC and NFD', async () => {
    const folder = makeDir(root, 'names')
    const names: string[] = [
      `${'long-name-'.repeat(24)}${'x'.repeat(11)}.txt`, // 255 bytes, the most ext4 allows
      `${'é'.repeat(125)}.txt`, // 254 bytes of two-byte letters
      `${'🎙'.repeat(62)}.txt`,
      'bell\u0007ring.txt',
      'line\nbreak.txt',
      'tab\there.txt',
      '\u001b[31mred-terminal\u001b[0m.txt',
      'invoice\u202Efdp.txt',
      '\u2067isolate\u2069.txt',
      'زمان-الحلقة.txt',
      'café.txt'.normalize('NFC'),
      'café.txt'.normalize('NFD'),
      '..dots-at-start.txt',
      'dots..in..middle..txt',
      '...',
      ' leading and trailing .txt ',
      '-rf.txt',
      'CON.txt',
      'semi;colon&amp$(whoami).txt',
      '%2e%2e%2fencoded.txt',
    ]
    names.forEach((name, i) => {
      writeFileSync(join(folder, name), `note ${i} for ${JSON.stringify(name)}\n`)
    })
    const hidden = names.filter((n) => n.startsWith('.'))
    await importBatch(
      'names',
      folder,
      new Map(names.filter((n) => !hidden.includes(n)).map((n) => [n, 'file' as Expect])),
    )
    const named = makeDir(root, 'hidden-names')
    hidden.forEach((name, i) => {
      writeFileSync(join(named, name), `hidden note ${i}\n`)
    })
    await importBatch(
      'names (hidden, named explicitly)',
      named,
      new Map(hidden.map((n) => [n, 'file' as Expect])),
      'files',
    )
    // The same folder reached through ../ segments imports under the same safe keys (duplicates).
    const viaDots = join(root, 'names', '..', 'names', 'sub', '..')
    makeDir(root, 'names', 'sub')
    const run = await runCliProcess(lib('--json', 'import', viaDots))
    const outcomes = JSON.parse(run.stdout) as Outcome[]
    tally.add('names: the folder again through ../ segments', [
      ...(run.code === 0 ? [] : [`exit ${run.code}`]),
      ...outcomes.filter((o) => o.status !== 'duplicate').map((o) => `${o.path}: ${o.status}`),
    ])
  })

  it('a REST upload whose file name climbs out with ../', async () => {
    const { token } = cliJsonOk<{ token: string }>(lib('users', 'token', 'ann'))
    const server = spawn(process.execPath, [CLI, ...lib('--json', 'serve', '--port', '0')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string]
      const { url } = JSON.parse(line) as { url: string }
      const marker = `castdesk-escape-${process.pid}`
      for (const name of [
        `../../../../../../tmp/${marker}.txt`,
        `..\\..\\..\\..\\tmp\\${marker}-win.txt`,
        `/tmp/${marker}-absolute.txt`,
        `cast_files/../../${marker}-key.txt`,
      ]) {
        const form = new FormData()
        form.append('file', new Blob([`escape attempt ${name}\n`]), name)
        const response = await fetch(`${url}/api/files/`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
          body: form,
        })
        const body = (await response.json()) as {
          id?: number
          file?: { key: string }
          code?: string
          message?: string
        }
        const problems: string[] = []
        if (response.status === 201) {
          if (!body.file || !SAFE_KEY.test(body.file.key)) problems.push(`stored under ${body.file?.key}`)
          if (body.id) existing.push(body.id)
        } else problems.push(...clearError(body as { code: string; message: string }))
        if (readdirSync('/tmp').some((f) => f.startsWith(marker))) problems.push('a file escaped into /tmp')
        if (readdirSync(root).some((f) => f.startsWith(marker)))
          problems.push('a file escaped beside the library')
        tally.add(`REST upload named ${JSON.stringify(name)}`, problems)
      }
    } finally {
      server.kill('SIGTERM')
    }
  })

  it('a folder with a symlink loop, a FIFO, a dangling link and links to endless devices', async () => {
    const looped = makeDir(root, 'isolated', 'looped')
    writeFileSync(join(looped, 'only.txt'), 'once\n')
    symlinkSync('..', join(looped, 'parent'))
    symlinkSync('.', join(looped, 'self'))
    symlinkSync('self', join(looped, 'self-again'))
    const run = await runCliProcess(lib('--json', 'import', looped), { timeoutMs: 120_000 })
    const outcomes = run.stdout ? (JSON.parse(run.stdout) as Outcome[]) : []
    const only = outcomes.filter((o) => o.path.endsWith('only.txt'))
    tally.add('symlink loop', [
      ...(run.code === 0 ? [] : [`exit ${run.code ?? run.signal}`]),
      ...(only.filter((o) => o.status === 'imported').length === 1
        ? []
        : [`only.txt: ${only.map((o) => o.status)}`]),
      ...(only.every((o) => o.status !== 'error') ? [] : ['only.txt refused']),
    ])
    for (const o of outcomes) if (o.status === 'imported' && o.id) existing.push(o.id)

    const special = makeDir(root, 'special')
    execFileSync('mkfifo', [join(special, 'pipe.mp3')])
    symlinkSync(join(root, 'nowhere.txt'), join(special, 'dangling.txt'))
    symlinkSync('/dev/zero', join(special, 'endless.mp4'))
    symlinkSync('/dev/urandom', join(special, 'noise.jpg'))
    await importBatch(
      'special files',
      special,
      new Map<string, Expect>([
        ['pipe.mp3', 'error'],
        ['dangling.txt', 'error'],
        ['endless.mp4', 'error'],
        ['noise.jpg', 'error'],
      ]),
      'files',
    )
    const whole = await runCliProcess(lib('--json', 'import', special), { timeoutMs: 60_000 })
    tally.add('a folder holding a FIFO and links to endless devices', [
      ...(whole.code === 0 || whole.code === 1
        ? []
        : [`the CLI ended with ${whole.code ?? whole.signal} (hang?)`]),
    ])
  })

  it('a 10,000-chapter file, then writing it into an MP3', async () => {
    const stamp = (ms: number) => {
      const s = Math.floor(ms / 1000)
      return `00:00:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`
    }
    const lines = Array.from({ length: 10_000 }, (_, i) => `${stamp(i)} Chapter ${i + 1}`)
    const { run } = await wordsCase(
      'chapters',
      'ten-thousand.txt',
      `${lines.join('\n')}\n`,
      'either',
      longAudio,
    )
    if (run.code === 0) {
      const shown = cliJsonOk<{ chapters: unknown[] }>(lib('audio', 'chapters', String(longAudio)))
      if (shown.chapters.length !== 10_000)
        tally.failures.push(`10,000 chapters: ${shown.chapters.length} stored`)
    }
    const before = snapshotLibrary(library)
    const write = await runCliProcess(lib('--json', 'audio', 'write-chapters', String(longAudio)), {
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
    await wordsCase(
      'chapters',
      'ten-thousand-and-one.txt',
      `${[...lines, '00:00:11.000 One too many'].join('\n')}\n`,
      'error',
      longAudio,
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
    for (const [name, content, want] of cases) await wordsCase('chapters', name, content, want)
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
    for (const [name, content, want] of cases) await wordsCase('transcript', name, content, want)
  })

  it('records the figure', () => {
    recordFigure({
      section: 'hostile',
      name: 'hostile inputs',
      measure: 'inputs handled / tried',
      tried: tally.tried,
      ok: tally.ok,
      failures: tally.failures,
    })
    expect(tally.failures).toEqual([])
  })
})
