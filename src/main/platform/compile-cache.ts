// A disk cache of V8's compiled code for the CommonJS modules the CLI loads, for Node versions
// without module.enableCompileCache (it came in 22.1). Node's own loader still does everything
// (resolution, the require function, ESM, require(esm)); only the compile of a CommonJS file's
// source is served from the cache. Any failure here means "no cache", never a failed command.
import { createHash } from 'node:crypto'
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { Module } from 'node:module'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Script } from 'node:vm'

type Compile = (this: Module, content: string, filename: string, format?: string) => unknown
type Wrapper = (...args: unknown[]) => unknown

interface Pending {
  script: Script
  entry: string
  key: Buffer
  /** For an entry served this run: its code cache's size and how often it was grown already. */
  served?: { bytes: number; refreshes: number }
}

export interface CompileCacheStatus {
  dir: string
  /** Modules compiled from the cache this run. */
  hits: number
  /** Modules compiled from source this run (their entries are written at exit). */
  misses: number
  /** Entries present but refused (damaged, or by V8). */
  rejected: number
  /** Entries served this run that are still growing (rewritten at exit when the run compiled more). */
  growing: number
  /** Modules left to Node (they use a dynamic import). */
  passed: number
}

const MAGIC = Buffer.from('CDCC2\n')
const KEY_BYTES = 20
const DIGEST_BYTES = 20
const REFRESHES_AT = MAGIC.length + KEY_BYTES + DIGEST_BYTES
const HEADER_BYTES = REFRESHES_AT + 1
/**
 * An entry holds what the run that wrote it compiled; functions that only later commands call would
 * be compiled from source on every run of those. So the first runs served by an entry add what they
 * compiled (V8 serializes every function compiled so far), and then it stays as it is: serializing
 * costs a few ms, which only these first runs after an install or update pay.
 */
const MAX_REFRESHES = 4
/**
 * Whether `source` may import dynamically: then it is left to Node, because V8 11 (Node 20) loses a
 * script's host-defined options when it compiles from a code cache, and its dynamic imports fail
 * ("A dynamic import callback was not specified"). On the safe side: any "import" that is followed
 * by a parenthesis or a comment counts, in strings and comments too.
 */
export function mayImportDynamically(source: string): boolean {
  for (let at = source.indexOf('import'); at !== -1; at = source.indexOf('import', at + 6)) {
    if (at > 0 && /[\w$]/.test(source[at - 1])) continue
    let next = at + 6
    while (next < source.length && /\s/.test(source[next])) next++
    if (source[next] === '(') return true
    if (source[next] === '/' && (source[next + 1] === '/' || source[next + 1] === '*')) return true
  }
  return false
}

/** Node calls the stub in place of the module's code; the stub runs the cached function. */
const RUN = Symbol.for('castdesk.compileCache.run')
const STUB = `return globalThis[Symbol.for('castdesk.compileCache.run')](this, arguments)`

let installed: CompileCacheStatus | undefined

/** Where the cache lives: the user's cache folder, else the temp folder; undefined when disabled. */
export function compileCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (env.CASTDESK_COMPILE_CACHE === '0') return undefined
  const version = `node-${process.version}-${process.arch}-v8-${process.versions.v8}`
  return join(userCacheRoot(env, platform), 'castdesk', 'compile-cache', version)
}

function userCacheRoot(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  let home: string | undefined
  try {
    home = env.HOME || homedir() || undefined
  } catch {
    home = undefined
  }
  if (platform === 'win32' && env.LOCALAPPDATA) return env.LOCALAPPDATA
  if (platform === 'darwin' && home) return join(home, 'Library', 'Caches')
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME
  if (home && platform !== 'win32') return join(home, '.cache')
  return tmpdir()
}

/**
 * Serves CommonJS compiles from the cache in `dir` from now on (once per process). Returns the
 * run's counters, or undefined when this cache is not used: disabled, Node's own cache used
 * instead (Node 22.1+), source maps or a policy on.
 */
export function installCompileCache(dir = compileCacheDir(process.env)): CompileCacheStatus | undefined {
  if (installed) return installed
  if (!dir) return undefined
  const builtIn = (Module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache
  if (builtIn) {
    builtIn(dir) // Node 22.1+: its own cache, which handles ES modules too
    return undefined
  }
  if (!usable()) return undefined
  const proto = Module.prototype as unknown as { _compile: Compile }
  const original = proto._compile
  const status: CompileCacheStatus = { dir, hits: 0, misses: 0, rejected: 0, passed: 0, growing: 0 }
  const wrappers = new Map<unknown, Wrapper>()
  const pending: Pending[] = []

  Object.defineProperty(globalThis, RUN, {
    value: (thisValue: unknown, args: IArguments) => {
      const wrapper = wrappers.get(args[2])
      if (!wrapper) throw new Error('castdesk compile cache: no compiled module for this call')
      wrappers.delete(args[2])
      return Reflect.apply(wrapper, thisValue, Array.from(args))
    },
  })

  proto._compile = function compileCached(this: Module, ...args: Parameters<Compile>) {
    const [content, filename, format] = args
    if (format !== undefined && format !== 'commonjs') return Reflect.apply(original, this, args)
    let wrapper: Wrapper | undefined
    try {
      wrapper = compile(content, filename, dir, status, pending)
    } catch {
      wrapper = undefined // not parseable as CommonJS (Node detects ESM syntax), or the cache failed
    }
    if (!wrapper) return Reflect.apply(original, this, args)
    wrappers.set(this, wrapper)
    try {
      return Reflect.apply(original, this, [STUB, filename, format])
    } finally {
      wrappers.delete(this)
    }
  }
  process.once('exit', () => {
    try {
      writeEntries(dir, pending)
    } catch {
      // the cache is an optimisation: never a failed exit
    }
  })
  installed = status
  return status
}

function usable(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  if (flags.some((flag) => flag.startsWith('--experimental-policy'))) return false
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return false
  const proto = Module.prototype as unknown as { _compile?: unknown }
  return typeof proto._compile === 'function' && typeof Module.wrap === 'function'
}

function compile(
  content: string,
  filename: string,
  dir: string,
  status: CompileCacheStatus,
  pending: Pending[],
): Wrapper | undefined {
  if (mayImportDynamically(content)) {
    status.passed++
    return undefined
  }
  const source = Module.wrap(stripHashbang(content))
  const key = fileKey(filename, source)
  const entry = join(dir, `${createHash('sha1').update(filename).digest('hex')}.bin`)
  const cached = readEntry(entry, key)
  if (cached === 'damaged') status.rejected++
  const found = typeof cached === 'object' ? cached : undefined
  const script = new Script(source, { filename, cachedData: found?.data })
  if (found && !script.cachedDataRejected) {
    status.hits++
    if (found.refreshes < MAX_REFRESHES) {
      status.growing++
      pending.push({ script, entry, key, served: { bytes: found.data.length, refreshes: found.refreshes } })
    }
  } else {
    if (found) status.rejected++
    status.misses++
    pending.push({ script, entry, key })
  }
  const wrapper = script.runInThisContext({ displayErrors: true })
  return typeof wrapper === 'function' ? (wrapper as Wrapper) : undefined
}

/** A hashbang is valid only at the very start of a script, not inside the module wrapper. */
function stripHashbang(content: string): string {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content
  return text.startsWith('#!') ? `//${text.slice(2)}` : text
}

/**
 * What an entry must match: the file as it is on disk now (size, times, inode: npm gives every
 * file the same mtime, its ctime still changes) and the source Node read.
 */
function fileKey(filename: string, source: string): Buffer {
  const stat = statSync(filename, { bigint: true })
  return createHash('sha1')
    .update(`${filename}\0${stat.size}\0${stat.mtimeNs}\0${stat.ctimeNs}\0${stat.ino}\0${source.length}`)
    .digest()
}

/** The entry's code cache when it belongs to `key` and is intact; 'damaged' when it is not. */
function readEntry(entry: string, key: Buffer): { data: Buffer; refreshes: number } | 'missing' | 'damaged' {
  let bytes: Buffer
  try {
    bytes = readFileSync(entry)
  } catch {
    return 'missing'
  }
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'damaged'
  if (!bytes.subarray(MAGIC.length, MAGIC.length + KEY_BYTES).equals(key)) return 'missing'
  const data = bytes.subarray(HEADER_BYTES)
  const digest = bytes.subarray(MAGIC.length + KEY_BYTES, REFRESHES_AT)
  // V8 checks versions and the source length, not the bytes: a damaged entry could crash it.
  if (!createHash('sha1').update(data).digest().equals(digest)) return 'damaged'
  return { data, refreshes: bytes[REFRESHES_AT] }
}

/** Writes the entries this run compiled from source, and grows those it served (MAX_REFRESHES). */
function writeEntries(dir: string, pending: Pending[]): void {
  if (!pending.length) return
  try {
    mkdirSync(dir, { recursive: true })
  } catch {
    return
  }
  for (const { script, entry, key, served } of pending) {
    try {
      const data = script.createCachedData()
      const refreshes = served ? served.refreshes + 1 : 0
      // Nothing new compiled: only the count goes up, in place (the digest covers the code only).
      if (served && data.length <= served.bytes) countRefresh(entry, refreshes)
      else replaceEntry(entry, key, data, refreshes)
    } catch {
      return // a full disk or an unwritable folder: stop trying this run
    }
  }
}

function replaceEntry(entry: string, key: Buffer, data: Buffer, refreshes: number): void {
  const temp = `${entry}.${process.pid}.tmp`
  try {
    const digest = createHash('sha1').update(data).digest()
    const fd = openSync(temp, 'w', 0o600)
    try {
      for (const part of [MAGIC, key, digest, Buffer.of(refreshes), data]) writeSync(fd, part)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, entry)
  } catch (error) {
    try {
      rmSync(temp, { force: true })
    } catch {}
    throw error
  }
}

function countRefresh(entry: string, refreshes: number): void {
  const fd = openSync(entry, 'r+')
  try {
    writeSync(fd, Buffer.of(refreshes), 0, 1, REFRESHES_AT)
  } finally {
    closeSync(fd)
  }
}
