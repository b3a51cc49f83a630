import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { LOCAL_TMP_DIR, LocalStorage } from '../../../../src/main/storage/local-storage'
import type { CastdeskError } from '../../../../src/shared/errors'
import { freshDirs } from '../../../helpers/fresh-dirs'

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex')
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/**
 * Call at the top of a test file: `storage()` makes a LocalStorage on a fresh root with an
 * `outside` folder beside it; `dirs` are removed after each test.
 */
export function localStorageFixture() {
  const dirs = freshDirs('castdesk-storage-')
  function storage(publicBaseUrl?: string): { store: LocalStorage; root: string; outside: string } {
    const base = dirs.make()
    const root = join(base, 'media')
    const outside = join(base, 'outside')
    mkdirSync(outside)
    // A storage root exists before anything is written to it (`castdesk storages init` makes it).
    mkdirSync(root)
    return { store: new LocalStorage('default', root, publicBaseUrl), root, outside }
  }
  return { dirs, storage }
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function keys(store: LocalStorage, prefix?: string): Promise<string[]> {
  const found: string[] = []
  for await (const object of store.list(prefix)) found.push(object.key)
  return found
}

export async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise
  } catch (error) {
    return { code: (error as CastdeskError).code, message: (error as Error).message }
  }
  throw new Error('expected a rejection')
}

export function tempEntries(root: string): string[] {
  const tmp = join(root, LOCAL_TMP_DIR)
  return existsSync(tmp) ? readdirSync(tmp) : []
}

/** A stream that delivers some bytes and then fails, like a USB stick pulled out mid-copy. */
export function failingStream(): Readable {
  let sent = false
  return new Readable({
    read() {
      if (!sent) {
        sent = true
        this.push(Buffer.alloc(256 * 1024, 7))
      } else {
        this.destroy(new Error('the drive was unplugged'))
      }
    },
  })
}
