import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { ERROR_CODES } from '../../src/shared/errors'
import { sha256File, snapshotLibrary } from '../../test/helpers/library-snapshot'
import { makeAudio, makeDir, makeImage } from '../../test/helpers/media-fixtures'
import { cliJsonOk, cliOk, runCliProcess } from './cli-process'
import { type Figure, recordFigure, Tally } from './figures'
import { itemsDigest } from './items-digest'

/**
 * The cases of 2. Hostile input. Every input gets a clear per-item error (a stable code other
 * than `internal`, a sentence, no stack trace) or is imported correctly (the right type, the same
 * bytes, under a safe key); the CLI never crashes (exit 0 or 1, JSON on stdout); and the items
 * already in the library never change (their rows and files hashed before and after).
 */

export type Expect = 'error' | 'either' | 'image' | 'audio' | 'video' | 'file'

export interface Outcome {
  path: string
  status: 'imported' | 'duplicate' | 'error'
  id?: number
  type?: string
  error?: { code: string; message: string }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
const UNSAFE_TITLE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u
export const SAFE_KEY =
  /^(original_images|images|cast_audio|cast_videos|cast_videos\/poster|cast_files|cast_transcript)\/[\p{L}\p{N}_.-]{1,120}$/u

export function clearError(error: { code?: string; message?: string } | undefined): string[] {
  if (!error) return ['no error given']
  const problems: string[] = []
  if (!error.code || !(ERROR_CODES as readonly string[]).includes(error.code) || error.code === 'internal')
    problems.push(`unclear code ${error.code}`)
  if (!error.message || error.message.length < 20) problems.push(`message too short: ${error.message}`)
  if (/\n\s+at /.test(error.message ?? '')) problems.push('message carries a stack trace')
  return problems
}

export function truncated(from: string, to: string, fraction: number): void {
  const bytes = readFileSync(from)
  writeFileSync(to, bytes.subarray(0, Math.floor(bytes.length * fraction)))
}

/**
 * A library in a fresh mkdtemp folder of its own (every hostile file, link and trap is made
 * inside it), seeded with items that must never change, and the tally of the file's figure.
 */
export class HostileLibrary {
  readonly root: string
  readonly library: string
  readonly tally = new Tally()
  /** Items already in the library: they must come through every case unchanged. */
  readonly existing: number[] = []
  /** An episode with chapters and a transcript, and a longer one (12 s). */
  baseAudio = 0
  longAudio = 0

  constructor(name: string) {
    this.root = mkdtempSync(join(tmpdir(), `castdesk-reliability-${name}-`))
    this.library = join(this.root, 'library')
  }

  readonly lib = (...args: string[]): string[] => ['--library', this.library, '--user', 'ann', ...args]

  /** Makes the library: an image, two episodes (one with chapters and a transcript), a note. */
  async seed(): Promise<void> {
    const { root, lib } = this
    cliOk(lib('init'))
    const good = makeDir(root, 'good')
    await makeImage(join(good, 'cover.jpg'), 'jpeg', { width: 400, height: 300 })
    makeAudio(join(good, 'base-show.mp3'), 'mp3', { seconds: 6 })
    makeAudio(join(good, 'long-show.mp3'), 'mp3', { seconds: 12, frequency: 523 })
    writeFileSync(join(good, 'notes.txt'), 'Episode notes\n')
    const outcomes = cliJsonOk<Outcome[]>(lib('import', good))
    this.existing.push(...outcomes.map((o) => o.id as number))
    this.baseAudio = outcomes.find((o) => o.path.endsWith('base-show.mp3'))?.id as number
    this.longAudio = outcomes.find((o) => o.path.endsWith('long-show.mp3'))?.id as number
    const chapters = join(good, 'chapters.txt')
    writeFileSync(
      chapters,
      '00:00:00.000 Welcome\n00:00:02.000 Topic <https://example.org/>\n00:00:04.000 Bye\n',
    )
    cliOk(lib('audio', 'chapters', String(this.baseAudio), '--import', chapters))
    const vtt = join(good, 'words.vtt')
    writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Ann>Welcome back.\n')
    cliOk(lib('audio', 'transcript', String(this.baseAudio), '--import', vtt))
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true })
  }

  /** Records the file's figure of the hostile section. */
  record(name: string): Figure {
    return recordFigure({
      section: 'hostile',
      name,
      measure: 'inputs handled / tried',
      tried: this.tally.tried,
      ok: this.tally.ok,
      failures: this.tally.failures,
    })
  }

  private blobsOf(id: number): { key: string; sha256: string }[] {
    const db = new Database(join(this.library, 'library.sqlite'), { readonly: true })
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

  private importedCorrectly(outcome: Outcome, source: string, want: Expect): string[] {
    const problems: string[] = []
    if (outcome.id === undefined) return ['imported without an id']
    if (want !== 'either' && outcome.type !== want)
      problems.push(`imported as ${outcome.type}, it is ${want}`)
    const item = cliJsonOk<{ title: string }>(this.lib('show', String(outcome.id)))
    if (UNSAFE_TITLE.test(item.title))
      problems.push(`title keeps control or direction characters: ${JSON.stringify(item.title)}`)
    const blobs = this.blobsOf(outcome.id)
    if (outcome.status === 'imported' && !blobs.some((b) => b.sha256 === sha256File(source)))
      problems.push('no stored file holds the same bytes')
    for (const blob of blobs)
      if (!SAFE_KEY.test(blob.key)) problems.push(`unsafe storage key ${JSON.stringify(blob.key)}`)
    return problems
  }

  private judge(outcomes: Outcome[], path: string, want: Expect): string[] {
    if (outcomes.length !== 1) return [`${outcomes.length} outcomes for it`]
    const outcome = outcomes[0] as Outcome
    if (outcome.status === 'error')
      return want === 'error' || want === 'either'
        ? clearError(outcome.error)
        : [`refused: ${outcome.error?.code} ${outcome.error?.message}`]
    if (want === 'error') return [`${outcome.status} as ${outcome.type}, should be refused`]
    return this.importedCorrectly(outcome, path, want)
  }

  /**
   * Imports a folder of cases in one CLI run and judges each outcome; `expect` maps file names to
   * what must happen. Pre-existing items must be unchanged; if every case is an error, the whole
   * library must be.
   */
  async importBatch(
    label: string,
    folder: string,
    expect: Map<string, Expect>,
    how: 'folder' | 'files' = 'folder',
  ): Promise<Outcome[]> {
    const { library, existing, tally } = this
    const before = itemsDigest(library, existing)
    const whole = snapshotLibrary(library)
    // A folder import skips hidden and special files by design; named one by one, each is judged.
    const inputs = how === 'folder' ? [folder] : [...expect.keys()].map((name) => join(folder, name))
    const run = await runCliProcess(this.lib('--json', 'import', ...inputs), { timeoutMs: 180_000 })
    let outcomes: Outcome[] = []
    const crash: string[] = []
    if (run.code !== 0 && run.code !== 1)
      crash.push(`the CLI ended with ${run.code ?? run.signal}: ${run.stderr.slice(0, 300)}`)
    try {
      outcomes = JSON.parse(run.stdout) as Outcome[]
    } catch {
      crash.push(`no JSON on stdout: ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 300)}`)
    }
    const unchanged =
      itemsDigest(library, existing) === before ? [] : ['items already in the library changed']
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
          : this.judge(
              outcomes.filter((o) => o.path === path),
              path,
              want,
            )),
      ])
    }
    for (const outcome of outcomes) if (outcome.status === 'imported' && outcome.id) existing.push(outcome.id)
    return outcomes
  }

  /** One chapter or transcript file: a clear error (library unchanged) or accepted whole. */
  async wordsCase(
    kind: 'chapters' | 'transcript',
    name: string,
    content: string | Buffer,
    want: 'error' | 'either',
    id = this.baseAudio,
  ) {
    const { library, existing, tally } = this
    const folder = makeDir(this.root, `${kind}-files`)
    const path = join(folder, name)
    writeFileSync(path, content)
    const whole = snapshotLibrary(library)
    const before = itemsDigest(
      library,
      existing.filter((e) => e !== id),
    )
    const run = await runCliProcess(this.lib('--json', 'audio', kind, String(id), '--import', path), {
      timeoutMs: 120_000,
    })
    const problems: string[] = []
    if (run.code !== 0 && run.code !== 1) problems.push(`the CLI ended with ${run.code ?? run.signal}`)
    let body: {
      error?: { code: string; message: string }
      chapters?: { title: string }[]
      cues?: unknown[]
    } = {}
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
}
