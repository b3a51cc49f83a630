import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileCacheDir, mayImportDynamically } from '../../../src/main/platform/compile-cache'
import { CLI } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

// The cache as the CLI loads it: the built file (the test run builds first, see global-setup).
const CACHE_MODULE = join(__dirname, '..', '..', '..', 'out', 'main', 'compile-cache.js')

interface Status {
  dir: string
  hits: number
  misses: number
  rejected: number
  passed: number
  growing: number
}

interface Run {
  code: number
  stderr: string
  status: Status | null
  result: Record<string, unknown>
}

const FILES: Record<string, string> = {
  'run.cjs': [
    `const status = require(${JSON.stringify(CACHE_MODULE)}).installCompileCache() ?? null`,
    `Promise.resolve(require(process.argv[2]).result).then(`,
    '  (result) => process.stdout.write(JSON.stringify({ status, result })),',
    '  (error) => process.stdout.write(JSON.stringify({ status, result: { error: error.message } })),',
    ')',
  ].join('\n'),
  'app.cjs': [
    '#!/usr/bin/env node',
    "'use strict'",
    "const lib = require('./lib.cjs')",
    "const esm = require('esm-only')",
    "const helper = require('./helper.mjs')",
    "const dynamic = require('./dynamic.cjs')",
    'const thisIsExports = this === module.exports',
    'exports.result = (async () => ({',
    '  lib: lib.value,',
    '  stackLine: /lib\\.cjs:3:/.test(lib.where()),',
    '  esm: esm.answer,',
    '  helper: helper.name,',
    '  dynamic: (await dynamic.load()).default,',
    '  viaFunction: (await dynamic.loadBuiltin()).sep,',
    '  names: __filename.endsWith("app.cjs") && __dirname === require("node:path").dirname(__filename),',
    "  resolve: require.resolve('./lib.cjs') === require('node:path').join(__dirname, 'lib.cjs'),",
    '  thisIsExports,',
    '}))()',
  ].join('\n'),
  'lib.cjs': [
    "exports.value = 'lib-v1'",
    'exports.where = function where() {',
    "  return new Error('here').stack",
    '}',
  ].join('\n'),
  'helper.mjs': "export const name = 'helper.mjs'\n",
  'dynamic.cjs': [
    "exports.load = () => import('./dynamic.mjs')",
    'exports.loadBuiltin = new Function(\'return import("node:path")\')',
  ].join('\n'),
  'dynamic.mjs': "export default 'dynamic.mjs'\n",
  // Which of two functions runs depends on the command line, as commands of one CLI differ.
  'grow.cjs': "exports.result = require('./grow-lib.cjs')[process.env.CALL]()\n",
  'grow-lib.cjs': ['a', 'b']
    .map((name) => `exports.${name} = () => [1, 2, 3].map((n) => n * 2).concat(${JSON.stringify(name)})`)
    .join('\n'),
  'node_modules/esm-only/package.json': JSON.stringify({
    name: 'esm-only',
    type: 'module',
    exports: './index.js',
  }),
  'node_modules/esm-only/index.js': 'export const answer = 42\nexport default import.meta.url\n',
}

const EXPECTED = {
  lib: 'lib-v1',
  stackLine: true,
  esm: 42,
  helper: 'helper.mjs',
  dynamic: 'dynamic.mjs',
  viaFunction: '/',
  names: true,
  resolve: true,
  thisIsExports: true,
}

/** A project of real files (CommonJS, an ES module package, dynamic imports) in a fresh folder. */
function project(): { root: string; cacheHome: string } {
  const root = tempDir('castdesk-compile-cache-')
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(join(root, name, '..'), { recursive: true })
    writeFileSync(join(root, name), text)
  }
  return { root, cacheHome: join(root, 'cache-home') }
}

function childEnv(cacheHome: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome, ...extra }
  if (!('CASTDESK_COMPILE_CACHE' in extra)) delete env.CASTDESK_COMPILE_CACHE
  return env
}

function run(root: string, cacheHome: string, extra: Record<string, string> = {}, entry = 'app.cjs'): Run {
  const child = spawnSync(process.execPath, [join(root, 'run.cjs'), join(root, entry)], {
    cwd: root,
    encoding: 'utf8',
    env: childEnv(cacheHome, extra),
  })
  let parsed: { status: Status | null; result: Record<string, unknown> }
  try {
    parsed = JSON.parse(child.stdout)
  } catch {
    throw new Error(`no JSON (exit ${child.status}):\n${child.stdout}\n${child.stderr}`)
  }
  return { code: child.status ?? -1, stderr: child.stderr, ...parsed }
}

const entriesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bin')) : [])

describe('the compile cache', () => {
  it('serves CommonJS from the cache on the second run, ES modules and dynamic imports still load', () => {
    const { root, cacheHome } = project()
    const cold = run(root, cacheHome)
    expect(cold.code).toBe(0)
    expect(cold.stderr).toBe('')
    expect(cold.result).toEqual(EXPECTED)
    expect(cold.status?.dir.startsWith(join(cacheHome, 'castdesk', 'compile-cache'))).toBe(true)
    // app.cjs and lib.cjs compiled from source; dynamic.cjs (a dynamic import) is left to Node.
    expect(cold.status).toMatchObject({ hits: 0, misses: 2, rejected: 0, passed: 1 })
    const dir = cold.status?.dir ?? ''
    expect(entriesIn(dir)).toHaveLength(2)

    const warm = run(root, cacheHome)
    expect(warm.code).toBe(0)
    expect(warm.stderr).toBe('')
    expect(warm.result).toEqual(EXPECTED)
    expect(warm.status).toMatchObject({ hits: 2, misses: 0, rejected: 0, passed: 1 })
  })

  it('recompiles a file that changed, even to the same length, instead of running old code', () => {
    const { root, cacheHome } = project()
    expect(run(root, cacheHome).result.lib).toBe('lib-v1')
    const lib = join(root, 'lib.cjs')
    writeFileSync(lib, readFileSync(lib, 'utf8').replace('lib-v1', 'lib-v2'))
    const changed = run(root, cacheHome)
    expect(changed.result).toEqual({ ...EXPECTED, lib: 'lib-v2' })
    expect(changed.status).toMatchObject({ hits: 1, misses: 1 })
    expect(run(root, cacheHome).status).toMatchObject({ hits: 2, misses: 0 })
  })

  it('adds what the next runs compile to an entry, then leaves it as it is', () => {
    const { root, cacheHome } = project()
    const first = run(root, cacheHome, { CALL: 'a' }, 'grow.cjs')
    expect(first.result).toEqual([2, 4, 6, 'a'])
    const dir = first.status?.dir ?? ''
    const sizes = () => entriesIn(dir).map((name) => readFileSync(join(dir, name)).length)
    const before = sizes().reduce((sum, size) => sum + size, 0)
    // A run that calls b: served from the cache, b compiled from source, then added to the entry.
    const second = run(root, cacheHome, { CALL: 'b' }, 'grow.cjs')
    expect(second.result).toEqual([2, 4, 6, 'b'])
    expect(second.status).toMatchObject({ hits: 2, misses: 0, growing: 2 })
    expect(sizes().reduce((sum, size) => sum + size, 0)).toBeGreaterThan(before)
    const grown = sizes()
    // Three more runs may still grow them; after that they are not even looked at again.
    for (let n = 0; n < 3; n++)
      expect(run(root, cacheHome, { CALL: 'b' }, 'grow.cjs').status).toMatchObject({ hits: 2, growing: 2 })
    expect(sizes()).toEqual(grown)
    const settled = run(root, cacheHome, { CALL: 'a' }, 'grow.cjs')
    expect(settled.result).toEqual([2, 4, 6, 'a'])
    expect(settled.status).toMatchObject({ hits: 2, misses: 0, rejected: 0, growing: 0 })
  })

  it('treats damaged entries as missing and writes them anew', () => {
    const { root, cacheHome } = project()
    const dir = run(root, cacheHome).status?.dir ?? ''
    const [first, second] = entriesIn(dir).map((name) => join(dir, name))
    const bytes = readFileSync(first)
    bytes[bytes.length - 100] ^= 0xff // one flipped bit deep in V8's data: V8 alone would accept it
    writeFileSync(first, bytes)
    writeFileSync(second, 'not a cache entry')

    const damaged = run(root, cacheHome)
    expect(damaged.code).toBe(0)
    expect(damaged.stderr).toBe('')
    expect(damaged.result).toEqual(EXPECTED)
    expect(damaged.status).toMatchObject({ hits: 0, misses: 2, rejected: 2 })

    writeFileSync(first, readFileSync(first).subarray(0, 30)) // cut short
    expect(run(root, cacheHome).status).toMatchObject({ hits: 1, misses: 1, rejected: 1 })
    expect(run(root, cacheHome).status).toMatchObject({ hits: 2, misses: 0, rejected: 0 })
  })

  it('is off with CASTDESK_COMPILE_CACHE=0: nothing is written', () => {
    const { root, cacheHome } = project()
    const off = run(root, cacheHome, { CASTDESK_COMPILE_CACHE: '0' })
    expect(off.code).toBe(0)
    expect(off.status).toBeNull()
    expect(off.result).toEqual(EXPECTED)
    expect(existsSync(cacheHome)).toBe(false)
  })

  it('runs normally when the cache folder cannot be made', () => {
    const { root } = project()
    const notAFolder = join(root, 'a-file')
    writeFileSync(notAFolder, 'the cache folder would go inside this file')
    for (let n = 0; n < 2; n++) {
      const blocked = run(root, notAFolder)
      expect(blocked.code).toBe(0)
      expect(blocked.stderr).toBe('')
      expect(blocked.result).toEqual(EXPECTED)
      expect(blocked.status).toMatchObject({ hits: 0, misses: 2 })
    }
    expect(readFileSync(notAFolder, 'utf8')).toBe('the cache folder would go inside this file')
  })

  it('runs normally when an entry cannot be replaced', () => {
    const { root, cacheHome } = project()
    const dir = run(root, cacheHome).status?.dir ?? ''
    for (const name of entriesIn(dir)) {
      const entry = join(dir, name)
      writeFileSync(entry, 'damaged')
      // …and a folder where its temp file would go: the rewrite fails, the run does not.
      mkdirSync(`${entry}.${process.pid}.tmp`, { recursive: true })
    }
    const again = run(root, cacheHome)
    expect(again.code).toBe(0)
    expect(again.result).toEqual(EXPECTED)
  })

  it('leaves syntax errors to Node: the same error with and without the cache', () => {
    const { root, cacheHome } = project()
    writeFileSync(join(root, 'broken.cjs'), 'exports.result = 1\nconst = 2\n')
    const withCache = spawnSync(process.execPath, [join(root, 'run.cjs'), join(root, 'broken.cjs')], {
      encoding: 'utf8',
      env: childEnv(cacheHome),
    })
    const without = spawnSync(process.execPath, [join(root, 'run.cjs'), join(root, 'broken.cjs')], {
      encoding: 'utf8',
      env: childEnv(cacheHome, { CASTDESK_COMPILE_CACHE: '0' }),
    })
    expect(withCache.status).not.toBe(0)
    expect(withCache.stderr).toContain('SyntaxError')
    expect(withCache.stderr).toContain('broken.cjs:2')
    expect(withCache.stderr.split('\n').slice(0, 4)).toEqual(without.stderr.split('\n').slice(0, 4))
  })

  it('is used by the castdesk command, which prints the same with it warm, cold or off', () => {
    const root = tempDir('castdesk-compile-cache-cli-')
    const cacheHome = join(root, 'cache-home')
    const library = join(root, 'library')
    const castdesk = (args: string[], extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, [CLI, '--library', library, ...args], {
        encoding: 'utf8',
        env: childEnv(cacheHome, extra),
      })
    expect(castdesk(['init']).status).toBe(0)
    const dir = compileCacheDir({ XDG_CACHE_HOME: cacheHome }) ?? ''
    const node22 = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache
    if (node22 !== 'function') expect(entriesIn(dir).length).toBeGreaterThan(5)
    const off = castdesk(['--json', 'users', 'list'], { CASTDESK_COMPILE_CACHE: '0' })
    const cold = castdesk(['--json', 'users', 'list'])
    const warm = castdesk(['--json', 'users', 'list'])
    for (const result of [off, cold, warm]) {
      expect(result.status).toBe(0)
      expect(result.stderr).toBe('')
    }
    expect(warm.stdout).toBe(off.stdout)
    expect(cold.stdout).toBe(off.stdout)
    expect(JSON.parse(warm.stdout)).toEqual([expect.objectContaining({ name: expect.any(String) })])
  })
})

describe('what the compile cache serves', () => {
  it('takes any "import" before a parenthesis or a comment for a dynamic import', () => {
    for (const source of ["import('x')", 'import (x)', 'a.import(1)', 'import/**/(x)', 'import //\n(x)'])
      expect(mayImportDynamically(source), source).toBe(true)
    for (const source of ['reimport(1)', 'important(1)', 'import x from "y"', '"import"'])
      expect(mayImportDynamically(source), source).toBe(false)
  })

  it('serves every built file of the CLI and engine (no file of out/main looks like a dynamic import), all ASCII', () => {
    // A comment such as "like any import (…)" in a built file would leave it to Node on every run:
    // slower, not wrong. Reword the comment, or load the module with require.
    const out = join(__dirname, '..', '..', '..', 'out', 'main')
    const files = [
      ...readdirSync(out).map((name) => join(out, name)),
      ...readdirSync(join(out, 'chunks')).map((name) => join(out, 'chunks', name)),
    ].filter((file) => file.endsWith('.js'))
    expect(files.length).toBeGreaterThan(5)
    expect(files.filter((file) => mayImportDynamically(readFileSync(file, 'utf8')))).toEqual([])
    // ASCII only (output.charset): one other character makes Node decode the file into a two-byte
    // string, twice the memory and time of every start-up's read.
    expect(files.filter((file) => readFileSync(file).some((byte) => byte > 0x7f))).toEqual([])
  })
})

describe('where the compile cache lives', () => {
  it('follows the platform’s cache folder, and is off with CASTDESK_COMPILE_CACHE=0', () => {
    const version = `node-${process.version}-${process.arch}-v8-${process.versions.v8}`
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/a' }, 'linux')).toBe(
      join('/x/cache', 'castdesk', 'compile-cache', version),
    )
    expect(compileCacheDir({ HOME: '/home/a' }, 'linux')).toBe(
      join('/home/a', '.cache', 'castdesk', 'compile-cache', version),
    )
    expect(compileCacheDir({ HOME: '/Users/a' }, 'darwin')).toBe(
      join('/Users/a', 'Library', 'Caches', 'castdesk', 'compile-cache', version),
    )
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Local', 'castdesk', 'compile-cache', version),
    )
    expect(compileCacheDir({ HOME: '/home/a', CASTDESK_COMPILE_CACHE: '0' }, 'linux')).toBeUndefined()
  })
})
