import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { CastdeskError } from '../../shared/errors'
import { TickFolders } from './tick-folders'

/** More links than this in one path is a loop (Linux gives up at 40 too). */
const MAX_LINKS = 40

/**
 * Keeps a local storage's paths inside the storage: a path whose real location (every symlink
 * followed, at any depth) leaves the real path of the root is refused with `unsafe_path`. A file
 * not yet created is judged by the real path of its nearest existing parent (and a dangling link
 * by where it points). Links that stay inside the root are fine; the root itself may be a link
 * (media on another disk is the storage's location).
 *
 * Checked synchronously right before each operation, one realpath per call. A process that swaps
 * a folder for a link between this check and the operation still wins that race (no openat2 /
 * O_NOFOLLOW walk in Node): the check closes every path a link already in place opens.
 */
export class LocalContainment {
  private realRoot: string | null = null
  /** Folder facts for one synchronous run (one listing); see `shownInside`. */
  private readonly folders = new TickFolders(realLocation)

  constructor(
    readonly root: string,
    private readonly storageName: string,
  ) {}

  /** Returns `path` unchanged when its real location is inside the root; else throws `unsafe_path`. */
  assertInside(path: string, key: string = path): string {
    if (isInside(realLocation(path), this.rootReal())) return path
    throw unsafePath(key, this.storageName, this.root)
  }

  /**
   * `path` when it is inside the root, else null: the same judgement as `assertInside` for paths
   * shown in listings. A folder's real location and its links are looked up once per synchronous
   * run (a listing of 10,000 items shares a handful of folders); a file that is a link is followed
   * every time.
   */
  shownInside(path: string, folder = dirname(path), name = basename(path)): string | null {
    const root = this.rootReal()
    const facts = this.folders.of(folder)
    if (!isInside(facts.real, root)) return null
    if (!this.folders.isLink(folder, name, facts)) return path
    return isInside(realLocation(path), root) ? path : null
  }

  /** The root's real path, cached once the root exists (it does not move while Castdesk runs). */
  private rootReal(): string {
    if (this.realRoot) return this.realRoot
    try {
      this.realRoot = realpathSync.native(this.root)
      return this.realRoot
    } catch (error) {
      if (!isMissing(error)) throw error
      // Not made yet: judged by its nearest existing parent, not cached.
      return realLocation(this.root) ?? this.root
    }
  }
}

function isInside(real: string | null, root: string): boolean {
  return real !== null && (real === root || (real.startsWith(root) && real.startsWith(sep, root.length)))
}

export function unsafePath(key: string, storageName: string, root: string): CastdeskError {
  return new CastdeskError(
    'unsafe_path',
    `"${key}" goes through a link that leads outside the storage "${storageName}" (${root}); Castdesk does not follow it. ` +
      "Media on another disk: set the storage's location to that folder instead of linking it.",
  )
}

/**
 * Where `path` really is: its realpath when it exists; else the realpath of its nearest existing
 * parent joined with the rest; a dangling link is followed to where it points. Null for a loop.
 */
export function realLocation(path: string, links = 0): string | null {
  if (links > MAX_LINKS) return null
  let current = resolve(path)
  // Most paths checked exist (reads, listings): one realpath answers them.
  const whole = realpathOrNull(current)
  if (whole === 'loop') return null
  if (whole !== null) return whole
  const rest: string[] = []
  for (;;) {
    // lstat up the path: a missing part costs no exception.
    const info = lstatOrNull(current)
    if (info?.isSymbolicLink()) {
      const real = realpathOrNull(current)
      if (real === 'loop') return null
      if (real !== null) return join(real, ...rest)
      // A dangling link: judged by where it points.
      const target = readlinkSync(current)
      return realLocation(join(resolve(dirname(current), target), ...rest), links + 1)
    }
    if (info) {
      const real = realpathOrNull(current)
      if (real === 'loop') return null
      if (real !== null) return join(real, ...rest)
    }
    const parent = dirname(current)
    if (parent === current) return join(current, ...rest)
    rest.unshift(basename(current))
    current = parent
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) ?? null
  } catch (error) {
    if (isMissing(error)) return null
    throw error
  }
}

/** The real path, null when a part vanished meanwhile, 'loop' for a link loop. */
function realpathOrNull(path: string): string | null | 'loop' {
  try {
    return realpathSync.native(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return 'loop'
    if (isMissing(error)) return null
    throw error
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/**
 * Runs a clean-up at library open; a link out of the storage that refuses it is logged instead of
 * keeping the whole library closed (`castdesk doctor` lists the link; nothing behind it is touched).
 */
export async function cleanUpUnlessUnsafe(
  run: () => Promise<unknown>,
  warn: (event: string, fields: Record<string, unknown>) => void,
): Promise<void> {
  try {
    await run()
  } catch (error) {
    if (!(error instanceof CastdeskError && error.code === 'unsafe_path')) throw error
    warn('recover.unsafe_path', { message: error.message })
  }
}
