import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { CastdeskError, type ErrorCode } from '../../../shared/errors'
import { formatBytes } from '../../../shared/format'

export interface ImportSource {
  path?: string
  text?: string
  name?: string
}

/** The bytes of a chapter or transcript upload: a local file, or text sent by a door. */
export async function readImportSource(
  source: ImportSource,
  what: { label: string; code: ErrorCode; maxBytes: number },
): Promise<{ bytes: Buffer; name: string | null }> {
  if ((source.path === undefined) === (source.text === undefined)) {
    throw new CastdeskError(
      'invalid_input',
      `Give the ${what.label} either as a file path or as text, not both.`,
    )
  }
  if (source.text !== undefined) {
    const bytes = Buffer.from(source.text, 'utf8')
    if (bytes.length > what.maxBytes) throw tooLarge(source.name ?? `The ${what.label}`, bytes.length, what)
    return { bytes, name: source.name ?? null }
  }
  const path = source.path as string
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new CastdeskError(
      'unreadable_file',
      `Cannot read ${path}: ${error.code ?? error.message}. Check the path.`,
    )
  })
  if (!info.isFile()) throw new CastdeskError('unreadable_file', `${path} is not a file.`)
  if (info.size > what.maxBytes) throw tooLarge(path, info.size, what)
  return { bytes: await readFile(path), name: source.name ?? basename(path) }
}

/** UTF-8 text of an upload; bytes that are not UTF-8 are an error of the upload's kind, not a crash. */
export function decodeUtf8(bytes: Buffer, label: string, code: ErrorCode): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CastdeskError(code, `${label} is not UTF-8 text. Save it as UTF-8 and import it again.`)
  }
}

function tooLarge(name: string, size: number, what: { label: string; code: ErrorCode; maxBytes: number }) {
  return new CastdeskError(
    what.code,
    `${name} is ${formatBytes(size)}; a ${what.label} may be at most ${formatBytes(what.maxBytes)}. Check that it is the right file.`,
  )
}
