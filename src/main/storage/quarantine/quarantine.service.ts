import { constants } from 'node:fs'
import { copyFile, mkdir, rm, rmdir, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import pLimit from 'p-limit'
import type {
  QuarantineBatch,
  QuarantineFailure,
  QuarantineNote,
  QuarantineOutputs,
} from '../../../shared/api/quarantine.api'
import { CastdeskError, toErrorBody } from '../../../shared/errors'
import { writeTempFile } from '../atomic-file'
import { LocalStorage, sha256OfFile } from '../local-storage'
import { S3Storage } from '../s3-storage'
import type { Storage } from '../storage'
import { LocalQuarantine } from './local-quarantine'
import type { QuarantineArea, QuarantinedFile } from './quarantine-area'
import { batchIdAt, batchTime, isExpired } from './quarantine-names'
import { S3Quarantine } from './s3-quarantine'

/** The quarantine of a storage (a folder or an S3 bucket). */
export function quarantineOf(storage: Storage): QuarantineArea {
  if (storage instanceof LocalStorage) return new LocalQuarantine(storage)
  if (storage instanceof S3Storage) return new S3Quarantine(storage)
  throw new CastdeskError('invalid_input', `Storage "${storage.name}" has no quarantine to move files into.`)
}

export interface Removal {
  /** Keys moved into the quarantine. */
  removed: string[]
  failures: QuarantineFailure[]
  /** Where they went (null when nothing was moved). */
  quarantine: QuarantineNote | null
}

/**
 * What every removing command does instead of deleting: moves the files into one new batch of
 * the storage's quarantine. A file that cannot be moved is reported and stays where it is.
 */
export async function moveToQuarantine(
  storage: Storage,
  keys: readonly string[],
  options: { now: Date; concurrency?: number; stillRemovable?: (key: string) => boolean },
): Promise<Removal> {
  const area = quarantineOf(storage)
  const batch = batchIdAt(options.now)
  const limit = pLimit(options.concurrency ?? 8)
  const removed: string[] = []
  const failures: QuarantineFailure[] = []
  let bytes = 0
  await Promise.all(
    keys.map((key) =>
      limit(async () => {
        if (options.stillRemovable && !options.stillRemovable(key)) return
        try {
          const moved = await area.moveIn(batch, key)
          if (!moved) return
          removed.push(key)
          bytes += moved.size
        } catch (error) {
          const body = toErrorBody(error)
          failures.push({ key, code: body.code, message: body.message })
        }
      }),
    ),
  )
  const quarantine =
    removed.length === 0
      ? null
      : {
          storage: storage.name,
          batch,
          location: area.location(batch),
          files: removed.length,
          bytes,
          restore: `castdesk quarantine restore ${batch} --storage ${storage.name}`,
        }
  return { removed: removed.sort(), failures, quarantine }
}

/** Every batch of the given storages, oldest first; a storage that cannot be listed is named, the others shown. */
export async function listQuarantine(
  storages: readonly Storage[],
  keepDays: number,
): Promise<QuarantineOutputs['quarantine.list']> {
  const batches: QuarantineBatch[] = []
  const unlisted: QuarantineOutputs['quarantine.list']['unlisted'] = []
  for (const storage of storages) {
    const area = quarantineOf(storage)
    let found: QuarantinedFile[]
    try {
      found = await area.files()
    } catch (error) {
      const body = toErrorBody(error)
      unlisted.push({ storage: storage.name, key: '', code: body.code, message: body.message })
      continue
    }
    for (const [batch, files] of byBatch(found)) {
      const created = batchTime(batch) as Date
      batches.push({
        storage: storage.name,
        batch,
        created: created.toISOString(),
        expires: new Date(created.getTime() + keepDays * 86_400_000).toISOString(),
        location: area.location(batch),
        files: files.length,
        bytes: files.reduce((sum, file) => sum + file.size, 0),
        keys: files.map((file) => file.key),
      })
    }
  }
  batches.sort((a, b) => (a.batch < b.batch ? -1 : a.batch > b.batch ? 1 : 0))
  return { keepDays, batches, unlisted }
}

/**
 * Puts a batch's files back where they were, byte-identical, never over a different file; or,
 * with `path`, copies them out into that folder (under their keys) and keeps them in quarantine.
 */
export async function restoreQuarantine(
  storages: readonly Storage[],
  request: { batch: string; keys?: readonly string[]; path?: string },
): Promise<QuarantineOutputs['quarantine.restore']> {
  const result: QuarantineOutputs['quarantine.restore'] = {
    batch: request.batch,
    restored: [],
    identical: [],
    failures: [],
    path: request.path ? resolve(request.path) : null,
  }
  let found = 0
  for (const storage of storages) {
    const area = quarantineOf(storage)
    const wanted = request.keys ? new Set(request.keys) : null
    const files = (await area.files(request.batch)).filter((file) => !wanted || wanted.has(file.key))
    found += files.length
    for (const file of files) {
      try {
        const outcome = result.path
          ? await copyOut(area, file, result.path)
          : await area.putBack(file.batch, file.key)
        result[outcome === 'identical' ? 'identical' : 'restored'].push({
          storage: storage.name,
          key: file.key,
        })
      } catch (error) {
        const body = toErrorBody(error)
        result.failures.push({ storage: storage.name, key: file.key, code: body.code, message: body.message })
      }
    }
  }
  if (found === 0) {
    throw new CastdeskError(
      'not_found',
      `No quarantined files${request.keys ? ' with those keys' : ''} in batch ${request.batch}: see castdesk quarantine list.`,
    )
  }
  return result
}

/** Removes batches for good: those older than `keepDays`, or the one named, or all. */
export async function purgeQuarantine(
  storages: readonly Storage[],
  request: { now: Date; keepDays: number; batch?: string; all?: boolean },
): Promise<QuarantineOutputs['quarantine.purge']> {
  const purged: QuarantineOutputs['quarantine.purge']['batches'] = []
  for (const storage of storages) {
    const area = quarantineOf(storage)
    for (const [batch, files] of byBatch(await area.files(request.batch))) {
      const chosen = request.all || request.batch === batch || isExpired(batch, request.now, request.keepDays)
      if (!chosen) continue
      const limit = pLimit(8)
      await Promise.all(files.map((file) => limit(() => area.purge(batch, file.key))))
      purged.push({
        storage: storage.name,
        batch,
        files: files.length,
        bytes: files.reduce((sum, file) => sum + file.size, 0),
      })
    }
  }
  return { batches: purged }
}

async function copyOut(
  area: QuarantineArea,
  file: QuarantinedFile,
  folder: string,
): Promise<'restored' | 'identical'> {
  const target = join(folder, ...file.key.split('/'))
  const staged = await writeTempFile(await area.read(file.batch, file.key), join(folder, '.castdesk-tmp'))
  try {
    const existing = await stat(target).catch(() => null)
    if (existing) {
      if ((await sha256OfFile(target)) === staged.sha256) return 'identical'
      throw new CastdeskError(
        'restore_conflict',
        `${target} already exists with other content; choose an empty folder.`,
      )
    }
    await mkdir(dirname(target), { recursive: true })
    await copyFile(staged.path, target, constants.COPYFILE_EXCL)
    return 'restored'
  } finally {
    await rm(staged.path, { force: true })
    await rmdir(join(folder, '.castdesk-tmp')).catch(() => undefined)
  }
}

function byBatch(files: readonly QuarantinedFile[]): Map<string, QuarantinedFile[]> {
  const batches = new Map<string, QuarantinedFile[]>()
  for (const file of files) {
    const list = batches.get(file.batch) ?? []
    list.push(file)
    batches.set(file.batch, list)
  }
  return batches
}
