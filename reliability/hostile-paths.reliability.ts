import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDir } from '../test/helpers/media-fixtures'
import { CLI } from '../test/helpers/run-cli'
import { cliJsonOk, runCliProcess } from './lib/cli-process'
import { clearError, type Expect, HostileLibrary, type Outcome, SAFE_KEY } from './lib/hostile-cases'

/**
 * 2. Hostile input, names and paths: file names with ../, control, direction and decomposed
 * characters, REST uploads named to climb out, symlink loops, FIFOs, dangling links and links to
 * endless devices. Each is refused with a clear error or stored under a safe key, the CLI never
 * hangs, and nothing already in the library changes (see lib/hostile-cases.ts).
 */

const hostile = new HostileLibrary('hostile-paths')
const { root, lib, tally, existing } = hostile

describe('2. hostile input: names and paths', () => {
  beforeAll(() => hostile.seed(), 300_000)
  afterAll(() => hostile.remove())

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
    await hostile.importBatch(
      'names',
      folder,
      new Map(names.filter((n) => !hidden.includes(n)).map((n) => [n, 'file' as Expect])),
    )
    const named = makeDir(root, 'hidden-names')
    hidden.forEach((name, i) => {
      writeFileSync(join(named, name), `hidden note ${i}\n`)
    })
    await hostile.importBatch(
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
    await hostile.importBatch(
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

  it('records the figure', () => {
    hostile.record('hostile names and paths')
    expect(tally.failures).toEqual([])
  })
})
