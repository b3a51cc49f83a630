import { opendir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { toErrorBody } from '../../shared/errors'

/** A file to import. `path` is a Buffer when the name is not valid UTF-8. */
export interface FoundFile {
  path: string | Buffer
  /** The path as a person reads it (invalid bytes shown as �). */
  display: string
  /** The file name alone, for titles and keys. */
  name: string
}

export interface WalkError {
  display: string
  error: { code: string; message: string }
  /** A folder or file passed over on purpose (Castdesk's own), not a failure. */
  skipped?: boolean
}

/** What a walk never enters or yields: Castdesk's own folders and files (own-folders.ts). */
export interface WalkGuard {
  /** Why a folder (by real path) is skipped whole, or null. */
  skipFolder(real: string, path: string | Buffer): string | null
  /** Why a file (by real path) is refused, or null. */
  refuseFile(real: string, display: string): { code: string; message: string } | null
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const lenient = new TextDecoder('utf-8')
const SKIPPED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini'])

/**
 * Expands files and folders (recursively) into files, in a stable order. Symlinks are followed,
 * each folder is entered once (no loops), hidden files inside folders are skipped.
 */
export async function* walkInputs(
  inputs: readonly string[],
  guard?: WalkGuard,
): AsyncGenerator<FoundFile | WalkError> {
  const visited = new Set<string>()
  for (const input of inputs) {
    yield* walk(input, input, baseName(input), visited, true, guard)
  }
}

async function* walk(
  path: string | Buffer,
  display: string,
  name: string,
  visited: Set<string>,
  explicit: boolean,
  guard?: WalkGuard,
): AsyncGenerator<FoundFile | WalkError> {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch (error) {
    yield { display, error: explainFsError(error, display) }
    return
  }
  if (info.isFile()) {
    const refused = guard?.refuseFile(await realPathOf(path), display)
    if (refused) yield { display, error: refused, skipped: !explicit }
    else yield { path, display, name }
    return
  }
  if (!info.isDirectory()) {
    if (explicit)
      yield { display, error: { code: 'unreadable_file', message: `${display} is not a regular file.` } }
    return
  }
  const real = await realpath(path, { encoding: 'buffer' }).then((b) => b.toString('latin1'))
  if (visited.has(real)) return
  visited.add(real)
  const skip = guard?.skipFolder(await realPathOf(path), path)
  if (skip) {
    yield {
      display,
      error: { code: 'inside_library', message: `skipped ${display}: ${skip}` },
      skipped: true,
    }
    return
  }
  const children: { raw: Buffer; name: string; valid: boolean }[] = []
  try {
    for await (const entry of await opendir(path, { encoding: 'buffer' } as never)) {
      const raw = entry.name as unknown as Buffer
      const decoded = decodeName(raw)
      if (decoded.name.startsWith('.') || SKIPPED_NAMES.has(decoded.name)) continue
      children.push({ raw, ...decoded })
    }
  } catch (error) {
    yield { display, error: explainFsError(error, display) }
    return
  }
  children.sort((a, b) => Buffer.compare(a.raw, b.raw))
  for (const child of children) {
    const childPath =
      child.valid && typeof path === 'string' ? join(path, child.name) : joinBuffer(path, child.raw)
    yield* walk(childPath, join(display, child.name), child.name, visited, false, guard)
  }
}

/** The real path as a string (symlinks resolved), for comparing with Castdesk's own folders. */
async function realPathOf(path: string | Buffer): Promise<string> {
  return realpath(path, { encoding: 'buffer' }).then((b) => b.toString())
}

function decodeName(raw: Buffer): { name: string; valid: boolean } {
  try {
    return { name: utf8.decode(raw), valid: true }
  } catch {
    return { name: lenient.decode(raw), valid: false }
  }
}

function joinBuffer(dir: string | Buffer, name: Buffer): Buffer {
  const base = typeof dir === 'string' ? Buffer.from(dir) : dir
  return Buffer.concat([base, Buffer.from('/'), name])
}

function baseName(path: string): string {
  return (
    path
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .at(-1) ?? path
  )
}

function explainFsError(error: unknown, display: string): { code: string; message: string } {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return { code: 'not_found', message: `${display} does not exist.` }
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      code: 'unreadable_file',
      message: `${display} cannot be read (permission denied). Check its permissions.`,
    }
  }
  if (code === 'ELOOP') return { code: 'unreadable_file', message: `${display} is a symbolic link loop.` }
  if (code === 'ENAMETOOLONG')
    return { code: 'invalid_name', message: `${display} has a name that is too long.` }
  return toErrorBody(error)
}
