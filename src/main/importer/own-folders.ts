import { existsSync } from 'node:fs'
import { realpath } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'

/** Files that make a folder a Castdesk library: one holding both is skipped whole by an import. */
export const LIBRARY_CONFIG_FILE = 'castdesk.config.json'
export const LIBRARY_DATABASE_FILE = 'library.sqlite'
const LIBRARY_FILE = /^(library\.sqlite(-wal|-shm|-journal)?|castdesk\.config\.json)$/

export interface OwnFolder {
  /** Real path (symlinks resolved). */
  real: string
  /** Why an import skips it, completing "skipped PATH: …". */
  reason: string
  /** The storage whose root it is, to name the item a file inside already is. */
  storage?: string
}

export interface InsideOwnFolder {
  folder: OwnFolder
  /** The file's key in that storage, when the folder is a storage root. */
  key: string | null
}

/**
 * The folders an import never reads: the library folder and every local storage root (with its
 * quarantine inside), compared by real path so that a symlinked path is caught too.
 */
export class OwnFolders {
  private constructor(private readonly folders: readonly OwnFolder[]) {}

  static async of(libraryDir: string, localRoots: Readonly<Record<string, string>>): Promise<OwnFolders> {
    const folders: OwnFolder[] = []
    const add = async (path: string, reason: string, storage?: string) => {
      const real = await realpath(path).catch(() => null)
      if (real) folders.push({ real, reason, storage })
    }
    await add(libraryDir, "this is Castdesk's own library")
    for (const [name, root] of Object.entries(localRoots))
      await add(root, `this is the folder of Castdesk's storage "${name}"`, name)
    // The innermost first: a storage root inside the library names its storage.
    folders.sort((a, b) => b.real.length - a.real.length)
    return new OwnFolders(folders)
  }

  /** The own folder a real path is, or lies in; null for any other path. */
  containing(real: string): InsideOwnFolder | null {
    for (const folder of this.folders) {
      if (real === folder.real || real.startsWith(folder.real + sep)) {
        const key =
          folder.storage && real !== folder.real ? relative(folder.real, real).split(sep).join('/') : null
        return { folder, key }
      }
    }
    return null
  }
}

/** Why a folder met while walking is skipped whole: any Castdesk library; null for other folders. */
export function libraryFolderReason(dir: string): string | null {
  return existsSync(join(dir, LIBRARY_CONFIG_FILE)) && existsSync(join(dir, LIBRARY_DATABASE_FILE))
    ? 'this is a Castdesk library (castdesk.config.json and library.sqlite)'
    : null
}

/** A library's database or config file, by name: never imported, wherever it lies. */
export function isLibraryFileName(path: string): boolean {
  return LIBRARY_FILE.test(basename(path))
}
