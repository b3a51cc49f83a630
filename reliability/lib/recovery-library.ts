import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeAudio, makeDir, makeImage } from '../../test/helpers/media-fixtures'
import { fileHashes, libraryRows } from '../../test/integration/library-backup/support/library-state'
import { cliJsonOk, cliOk } from './cli-process'

/** Libraries for the recovery sections: made, filled at random (seeded), compared after a restore. */

const USER = ['--user', 'ann']
export const lib = (dir: string, ...args: string[]) => ['--library', dir, ...USER, ...args]

/** A library in `<folder>/lib` whose `backup` storage is `<folder>/backup`. */
export function newLibrary(folder: string): { dir: string; backup: string } {
  const dir = join(folder, 'lib')
  const backup = join(folder, 'backup')
  mkdirSync(dir, { recursive: true })
  mkdirSync(backup, { recursive: true })
  writeFileSync(
    join(dir, 'castdesk.config.json'),
    JSON.stringify({
      imageFormats: ['jpeg'],
      storages: {
        default: { type: 'local', location: 'media' },
        backup: { type: 'local', location: backup },
      },
    }),
  )
  cliOk(lib(dir, 'init'))
  cliOk(lib(dir, 'storages', 'init', 'backup'))
  return { dir, backup }
}

/** Imports a seeded random mix of images, files and chaptered audio with a transcript. */
export async function fillRandomly(
  root: string,
  dir: string,
  random: () => number,
  name: string,
): Promise<void> {
  const sources = makeDir(root, `sources-${name}`)
  const count = (max: number) => Math.floor(random() * (max + 1))
  for (let i = 0; i < count(6); i++)
    await makeImage(join(sources, `img${i}.png`), 'png', {
      width: 40 + count(60),
      height: 30 + count(40),
      seed: Math.floor(random() * 1e6),
    })
  for (let i = 0; i < count(5); i++)
    writeFileSync(join(sources, `notes${i}.txt`), `${randomBytes(8 + count(2000)).toString('hex')}\n`)
  const withAudio = random() < 0.6
  if (withAudio)
    makeAudio(join(sources, 'show.mp3'), 'mp3', { seconds: 2, chapters: true, frequency: 200 + count(600) })
  const imported = cliJsonOk<{ id?: number; type?: string }[]>(lib(dir, 'import', sources))
  const audio = imported.find((item) => item.type === 'audio')?.id
  if (audio) {
    const vtt = join(sources, 'show.vtt')
    writeFileSync(
      vtt,
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Ann>Hello.\n\n00:00:01.000 --> 00:00:02.000\n<v Bob>Bye.\n',
    )
    cliOk(lib(dir, 'audio', 'transcript', String(audio), '--import', vtt))
  }
  const image = imported.find((item) => item.type === 'image')?.id
  if (image && random() < 0.7)
    cliOk(lib(dir, 'image', 'rendition', String(image), `fill-${20 + count(30)}x20`))
  if (random() < 0.5) {
    await makeImage(join(sources, 'bob.png'), 'png', {
      width: 33,
      height: 22,
      seed: Math.floor(random() * 1e6),
    })
    cliOk(['--library', dir, '--user', 'bob', 'import', join(sources, 'bob.png')])
  }
}

/** Differences between a restored library and the one it came from. */
export function compare(
  restored: string,
  rows: Record<string, unknown[]>,
  hashes: Record<string, string | null>,
): string[] {
  const problems: string[] = []
  const got = libraryRows(restored)
  for (const [table, expected] of Object.entries(rows))
    if (JSON.stringify(got[table]) !== JSON.stringify(expected)) problems.push(`table ${table} differs`)
  const files = fileHashes(restored)
  for (const [key, hash] of Object.entries(hashes))
    if (files[key] !== hash) problems.push(`${key}: ${files[key] === null ? 'missing' : 'other content'}`)
  return problems
}

/** A kill moment between half the start-up and the end of the measured run. */
export const kill = (startup: number, measured: number, random: () => number) =>
  Math.round(startup * 0.5 + random() * (measured - startup * 0.5) * 0.97)

/**
 * A random library plus 40 larger files (so a restore takes long enough to be killed mid-way),
 * all synced to its backup storage; with its rows and file hashes to compare restores against.
 */
export async function libraryToRestore(root: string, name: string, random: () => number) {
  const { dir, backup } = newLibrary(join(root, `${name}-source`))
  await fillRandomly(root, dir, random, name)
  const bulk = makeDir(root, `${name}-bulk`)
  for (let i = 0; i < 40; i++)
    writeFileSync(join(bulk, `part${i}.txt`), randomBytes(100_000 + i * 3000).toString('base64'))
  cliJsonOk(lib(dir, 'import', bulk))
  cliJsonOk(lib(dir, 'sync', '--to', 'backup'))
  return { dir, backup, rows: libraryRows(dir), hashes: fileHashes(dir) }
}
