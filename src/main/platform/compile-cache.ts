// A disk cache of V8's compiled code for the CommonJS modules the CLI loads, for Node versions
// without module.enableCompileCache (it came in 22.1). Node's own loader still does everything
// (resolution, the require function, ESM, require(esm)); only the compile of a CommonJS file's
// source is served from the cache. Any failure here means "no cache", never a failed command.
import { createHash } from 'node:crypto'
import { mkdirSync, statSync } from 'node:fs'
import { Module } from 'node:module'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Script } from 'node:vm'
import { countRefresh, readEntry, replaceEntry } from './compile-cache-entry'
import { pruneEntries } from './compile-cache-prune'

type Compile = (this: Module, content: string, filename: string, format?: string) => unknown
type Wrapper = (...args: unknown[]) => unknown

interface Pending {
  script: Script
  entry: string
  key: Buffer
  filename: string
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
      const served = { bytes: found.data.length, refreshes: found.refreshes }
      pending.push({ script, entry, key, filename, served })
    }
  } else {
    if (found) status.rejected++
    status.misses++
    pending.push({ script, entry, key, filename })
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

/** Writes the entries this run compiled from source, and grows those it served (MAX_REFRESHES). */
function writeEntries(dir: string, pending: Pending[]): void {
  if (!pending.length) return
  try {
    mkdirSync(dir, { recursive: true })
  } catch {
    return
  }
  for (const { script, entry, key, filename, served } of pending) {
    try {
      const data = script.createCachedData()
      const refreshes = served ? served.refreshes + 1 : 0
      // Nothing new compiled: only the count goes up, in place.
      if (served && data.length <= served.bytes) countRefresh(entry, refreshes)
      else replaceEntry(entry, key, filename, data, refreshes)
    } catch {
      return // a full disk or an unwritable folder: stop trying this run
    }
  }
  // New entries come after an install or an update, which is when old ones lose their files.
  if (pending.some((item) => !item.served)) pruneEntries(dir)
}
