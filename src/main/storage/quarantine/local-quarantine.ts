import { constants, createReadStream } from 'node:fs'
import { copyFile, link, mkdir, opendir, rename, rm, rmdir, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { CastdeskError } from '../../../shared/errors'
import { fsyncPath } from '../atomic-file'
import { type LocalStorage, sha256OfFile } from '../local-storage'
import { assertSafeKey } from '../storage-keys'
import type { PutBackOutcome, QuarantineArea, QuarantinedFile } from './quarantine-area'
import { isBatchId, LOCAL_QUARANTINE_DIR } from './quarantine-names'

/** `<root>/.castdesk-quarantine/<batch>/<key>`: a rename within the storage's filesystem. */
export class LocalQuarantine implements QuarantineArea {
  private readonly dir: string

  constructor(private readonly storage: LocalStorage) {
    this.dir = join(storage.root, LOCAL_QUARANTINE_DIR)
  }

  location(batch: string): string {
    return join(this.dir, batch)
  }

  async moveIn(batch: string, key: string): Promise<{ size: number } | null> {
    const source = this.storage.localPath(key)
    const target = this.pathOf(batch, key)
    let size: number
    try {
      const info = await stat(source)
      if (!info.isFile()) return null
      size = info.size
      await mkdir(dirname(target), { recursive: true })
      await rename(source, target)
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
    await syncDirs(dirname(source), dirname(target))
    return { size }
  }

  async files(batch?: string): Promise<QuarantinedFile[]> {
    const batches = batch ? [batch] : (await names(this.dir)).filter(isBatchId)
    const found: QuarantinedFile[] = []
    for (const id of batches) {
      const root = this.storage.contained(join(this.dir, id), `${LOCAL_QUARANTINE_DIR}/${id}`)
      for (const path of await walkFiles(root)) {
        const info = await stat(path)
        found.push({ batch: id, key: relative(root, path).split(sep).join('/'), size: info.size })
      }
    }
    return found.sort((a, b) => (a.batch + a.key < b.batch + b.key ? -1 : 1))
  }

  async putBack(batch: string, key: string): Promise<PutBackOutcome> {
    const from = this.pathOf(batch, key)
    const to = this.storage.localPath(key)
    await mkdir(dirname(to), { recursive: true })
    try {
      // A hard link never replaces a file that appeared at the key meanwhile (EEXIST).
      await link(from, to)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') {
        if ((await sha256OfFile(from)) !== (await sha256OfFile(to))) throw conflict(this.storage.name, key)
        await this.purge(batch, key)
        return 'identical'
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error
      await copyFile(from, to, constants.COPYFILE_EXCL)
      await fsyncPath(to)
    }
    await syncDirs(dirname(to))
    await this.purge(batch, key)
    return 'restored'
  }

  async read(batch: string, key: string): Promise<Readable> {
    return createReadStream(this.pathOf(batch, key))
  }

  async purge(batch: string, key: string): Promise<void> {
    const path = this.pathOf(batch, key)
    await rm(path, { force: true })
    await removeEmptyParents(dirname(path), this.dir)
  }

  private pathOf(batch: string, key: string): string {
    if (!isBatchId(batch)) throw new CastdeskError('not_found', `"${batch}" is not a quarantine batch.`)
    assertSafeKey(key)
    // A link planted in the quarantine must not carry a move, restore or purge outside the storage.
    return this.storage.contained(
      join(this.dir, batch, ...key.split('/')),
      `${LOCAL_QUARANTINE_DIR}/${batch}/${key}`,
    )
  }
}

export function conflict(storage: string, key: string): CastdeskError {
  return new CastdeskError(
    'restore_conflict',
    `"${key}" in storage "${storage}" now holds another file, so the quarantined copy stays where it is. Move the new file away (or keep it and purge the quarantined one), then restore again.`,
  )
}

async function syncDirs(...dirs: string[]): Promise<void> {
  if (process.platform === 'win32') return
  for (const dir of new Set(dirs)) await fsyncPath(dir)
}

async function names(dir: string): Promise<string[]> {
  try {
    const handle = await opendir(dir)
    const found: string[] = []
    for await (const entry of handle) if (entry.isDirectory()) found.push(entry.name)
    return found.sort()
  } catch (error) {
    if (isMissing(error)) return []
    throw error
  }
}

async function walkFiles(dir: string): Promise<string[]> {
  const found: string[] = []
  let handle: Awaited<ReturnType<typeof opendir>>
  try {
    handle = await opendir(dir)
  } catch (error) {
    if (isMissing(error)) return found
    throw error
  }
  for await (const entry of handle) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await walkFiles(path)))
    else if (entry.isFile()) found.push(path)
  }
  return found
}

/** Removes folders emptied by a restore or purge, up to (not including) the quarantine folder. */
async function removeEmptyParents(dir: string, stopAt: string): Promise<void> {
  let current = dir
  while (current.startsWith(stopAt + sep)) {
    try {
      await rmdir(current)
    } catch {
      return
    }
    current = dirname(current)
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
