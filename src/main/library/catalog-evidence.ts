import { readdirSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import type { CastdeskConfig } from '../../shared/config-schema'

export interface LibraryEvidence {
  /** The id castdesk.config.json names, if any. */
  libraryId?: string
  /** Files found in the folders the config's local storages keep media in (markers not counted). */
  mediaFiles: number
  /** Those folders, relative to the library when inside it ("media/"). */
  mediaDirs: string[]
}

/** What says a folder already holds a library: the config's id and the media files beside it. */
export function gatherEvidence(root: string, config: CastdeskConfig): LibraryEvidence {
  const dirs = new Set<string>([join(root, 'media')])
  for (const settings of Object.values(config.storages)) {
    if (settings.type === 'local')
      dirs.add(isAbsolute(settings.location) ? settings.location : join(root, settings.location))
  }
  let mediaFiles = 0
  const mediaDirs: string[] = []
  for (const dir of dirs) {
    const found = countFiles(dir)
    if (found < 0) continue
    mediaFiles += found
    const inside = relative(root, dir)
    mediaDirs.push(inside && !inside.startsWith('..') && !isAbsolute(inside) ? `${inside}/` : dir)
  }
  return { libraryId: config.libraryId, mediaFiles, mediaDirs }
}

export function holdsLibrary(evidence: LibraryEvidence): boolean {
  return Boolean(evidence.libraryId) || evidence.mediaFiles > 0
}

/** "castdesk.config.json names library X; media/ holds 1,204 files" */
export function describeEvidence(evidence: LibraryEvidence): string {
  const parts: string[] = []
  if (evidence.libraryId) parts.push(`castdesk.config.json names library ${evidence.libraryId}`)
  const where = evidence.mediaDirs.length ? evidence.mediaDirs.join(' and ') : 'media/'
  const count = evidence.mediaFiles.toLocaleString('en-US')
  parts.push(
    `${where} ${evidence.mediaDirs.length > 1 ? 'hold' : 'holds'} ${count} file${evidence.mediaFiles === 1 ? '' : 's'}`,
  )
  return parts.join('; ')
}

/** Regular files below `dir` (Castdesk's own `.castdesk-*` markers and folders left out); -1 when absent. */
function countFiles(dir: string): number {
  let entries: import('node:fs').Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return -1
  }
  let count = 0
  for (const entry of entries) {
    if (entry.name.startsWith('.castdesk-')) continue
    if (entry.isDirectory()) count += Math.max(0, countFiles(join(dir, entry.name)))
    else if (entry.isFile()) count += 1
  }
  return count
}
