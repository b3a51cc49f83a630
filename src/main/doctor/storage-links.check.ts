import { opendir, readlink } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { Library } from '../library/library'
import { createStorage } from '../storage/create-storage'
import { realLocation } from '../storage/local-containment'
import { LocalStorage } from '../storage/local-storage'
import { type CheckResult, warning } from './check'

/** Links named in the warning; the count says how many more. */
const SHOWN = 20

interface EscapingLink {
  link: string
  target: string
}

/**
 * Lists the symlinks under each local storage that lead outside it: Castdesk refuses every read,
 * write and delete through them (`unsafe_path`), so what they point at looks missing.
 */
export async function checkStorageLinks(library: Library): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  for (const name of Object.keys(library.config.storages)) {
    const storage = name === 'default' ? library.storage : createStorage(name, library.config, library.dir)
    if (!(storage instanceof LocalStorage)) continue
    const links = await escapingLinks(storage.root)
    if (links.length === 0) continue
    const listed = links
      .slice(0, SHOWN)
      .map(({ link, target }) => `${link} → ${target}`)
      .join('; ')
    const more = links.length > SHOWN ? ` and ${links.length - SHOWN} more` : ''
    results.push(
      warning(
        `storage.${name}.links`,
        `links out of storage "${name}"`,
        `${links.length} link${links.length === 1 ? '' : 's'} in storage "${name}" (${storage.root}) lead${links.length === 1 ? 's' : ''} outside it, and Castdesk does not follow them: ${listed}${more}. ` +
          "Media on another disk: set the storage's location to that folder instead of linking it; else remove the link.",
        { storage: name, root: storage.root, links },
      ),
    )
  }
  return results
}

/** Every link under `root` (links are not followed) whose real location is outside the root's. */
export async function escapingLinks(root: string): Promise<EscapingLink[]> {
  const realRoot = realLocation(root)
  if (realRoot === null) return []
  const found: EscapingLink[] = []
  const walk = async (dir: string): Promise<void> => {
    let handle: Awaited<ReturnType<typeof opendir>>
    try {
      handle = await opendir(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for await (const entry of handle) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isSymbolicLink()) {
        const real = realLocation(path)
        if (real === null || (real !== realRoot && !real.startsWith(realRoot + sep)))
          found.push({ link: relative(root, path), target: real ?? `${await readlink(path)} (a loop)` })
      }
    }
  }
  await walk(root)
  return found.sort((a, b) => (a.link < b.link ? -1 : 1))
}
