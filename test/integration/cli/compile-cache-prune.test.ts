import { spawnSync } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { entrySource } from '../../../src/main/platform/compile-cache-entry'
import { tempDir } from '../../helpers/temp-dir'

// The cache as the CLI loads it: the built file (the test run builds first, see global-setup).
const CACHE_MODULE = join(__dirname, '..', '..', '..', 'out', 'main', 'compile-cache.js')
const HOUR = 60 * 60_000

/** Runs `entry` (a CommonJS file requiring others) with the cache on; returns the cache folder. */
function run(root: string, entry: string): string {
  const runner = join(root, 'run.cjs')
  writeFileSync(
    runner,
    `const status = require(${JSON.stringify(CACHE_MODULE)}).installCompileCache()\n` +
      'require(process.argv[2])\nprocess.stdout.write(JSON.stringify(status))\n',
  )
  const child = spawnSync(process.execPath, [runner, join(root, entry)], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: join(root, 'cache-home'), CASTDESK_COMPILE_CACHE: '' },
  })
  if (child.status !== 0) throw new Error(`exit ${child.status}: ${child.stderr}`)
  return (JSON.parse(child.stdout) as { dir: string }).dir
}

const source = (name: string) => `module.exports = ${JSON.stringify(name)}\n`
const backdate = (file: string, ms: number) =>
  utimesSync(file, (Date.now() - ms) / 1000, (Date.now() - ms) / 1000)
/** The source files the cache folder's entries were written for. */
const sources = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.bin') && lstatSync(join(dir, name)).isFile())
    .map((name) => entrySource(join(dir, name)))
    .sort()

describe('the compile cache prunes', () => {
  it('entries whose file is gone, entries of an older format and temp files left by killed runs', () => {
    const root = tempDir('castdesk-compile-cache-prune-')
    writeFileSync(join(root, 'a.cjs'), `${source('a')}require('./old.cjs')\n`)
    writeFileSync(join(root, 'old.cjs'), source('old'))
    const dir = run(root, 'a.cjs')
    expect(sources(dir)).toEqual([join(root, 'a.cjs'), join(root, 'old.cjs')])

    // An update: old.cjs is gone and new.cjs takes its place.
    unlinkSync(join(root, 'old.cjs'))
    writeFileSync(join(root, 'new.cjs'), source('new'))
    writeFileSync(join(root, 'a.cjs'), `${source('a')}require('./new.cjs')\n`)
    writeFileSync(join(dir, 'older-format.bin'), Buffer.concat([Buffer.from('CDCC2\n'), Buffer.alloc(64)]))
    writeFileSync(join(dir, 'killed.bin.123.tmp'), 'a run killed while writing')
    backdate(join(dir, 'killed.bin.123.tmp'), 2 * HOUR)
    writeFileSync(join(dir, 'writing.bin.456.tmp'), 'a run writing now')
    writeFileSync(join(dir, 'notes.txt'), 'not the cache’s')
    const victim = join(root, 'victim.bin')
    writeFileSync(victim, 'outside the cache')
    symlinkSync(victim, join(dir, 'link.bin'))
    backdate(join(dir, 'last-prune'), 2 * HOUR)

    run(root, 'a.cjs')
    expect(sources(dir).filter((path) => path?.startsWith(root))).toEqual([
      join(root, 'a.cjs'),
      join(root, 'new.cjs'),
    ])
    expect(existsSync(join(dir, 'older-format.bin'))).toBe(false)
    expect(existsSync(join(dir, 'killed.bin.123.tmp'))).toBe(false)
    expect(existsSync(join(dir, 'writing.bin.456.tmp'))).toBe(true)
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true)
    expect(existsSync(join(dir, 'link.bin'))).toBe(true)
    expect(readFileSync(victim, 'utf8')).toBe('outside the cache')
  })

  it('at most once an hour, and only when a run wrote a new entry', () => {
    const root = tempDir('castdesk-compile-cache-prune-')
    writeFileSync(join(root, 'a.cjs'), `${source('a')}require('./b.cjs')\n`)
    writeFileSync(join(root, 'b.cjs'), source('b'))
    const dir = run(root, 'a.cjs')
    unlinkSync(join(root, 'b.cjs'))
    writeFileSync(join(root, 'a.cjs'), source('a, changed'))
    writeFileSync(join(root, 'c.cjs'), source('c'))
    run(root, 'c.cjs') // a new entry, but the last prune was a moment ago
    expect(sources(dir)).toEqual([join(root, 'a.cjs'), join(root, 'b.cjs'), join(root, 'c.cjs')])

    backdate(join(dir, 'last-prune'), 2 * HOUR)
    run(root, 'c.cjs') // served from the cache: nothing new written, so no prune
    expect(sources(dir)).toHaveLength(3)
    run(root, 'a.cjs') // a.cjs changed: its entry is rewritten, and the prune runs
    expect(sources(dir)).toEqual([join(root, 'a.cjs'), join(root, 'c.cjs')])
  })
})
