import { rm } from 'node:fs/promises'
import pLimit from 'p-limit'
import { toErrorBody } from '../../../shared/errors'
import type { ReferencedFile } from '../../library/repositories/restore-plan.repository'
import { writeTempFile } from '../../storage/atomic-file'
import { sha256OfFile } from '../../storage/local-storage'
import type { Storage } from '../../storage/storage'

export type FileOutcome = 'restored' | 'present' | 'missing' | 'mismatched'

export interface MediaCopyDeps {
  /** Where to look, in order (the backup location, then `production` or --media-from). */
  sources: readonly Storage[]
  target: Storage
  workDir: string
  concurrency?: number
  /** Called before a verified copy replaces other bytes at its key; without it they are overwritten. */
  keepReplaced?: (key: string) => Promise<void>
  onFile?: (file: ReferencedFile, outcome: FileOutcome) => void
}

/**
 * Copies every referenced file into the target storage, each checked against the SHA-256 its row
 * records before it lands under its key (bytes that differ never land). A file the target already
 * holds with the right content is left as it is, so a restore run again goes on where it stopped.
 */
export async function copyReferencedFiles(
  files: readonly ReferencedFile[],
  deps: MediaCopyDeps,
): Promise<Map<string, FileOutcome>> {
  const outcomes = new Map<string, FileOutcome>()
  const limit = pLimit(deps.concurrency ?? 4)
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const outcome = (await holds(deps.target, file)) ? 'present' : await copyOne(file, deps)
        outcomes.set(file.key, outcome)
        deps.onFile?.(file, outcome)
      }),
    ),
  )
  return outcomes
}

async function copyOne(file: ReferencedFile, deps: MediaCopyDeps): Promise<FileOutcome> {
  let seenOther = false
  for (const source of deps.sources) {
    try {
      if (!(await source.head(file.key))) continue
      const fetched = await writeTempFile(await source.get(file.key), deps.workDir)
      if (fetched.sha256 !== file.sha256) {
        seenOther = true
        await rm(fetched.path, { force: true })
        continue
      }
      if (deps.keepReplaced && (await deps.target.head(file.key))) await deps.keepReplaced(file.key)
      await deps.target.putFile(file.key, fetched.path, {
        move: true,
        known: { size: fetched.size, sha256: fetched.sha256 },
      })
      return 'restored'
    } catch (error) {
      // A source that cannot be read is as good as one without the file: the next one may have it.
      if (toErrorBody(error).code === 'disk_full') throw error
    }
  }
  return seenOther ? 'mismatched' : 'missing'
}

/** Whether the target already holds the file with the recorded content. */
async function holds(target: Storage, file: ReferencedFile): Promise<boolean> {
  const head = await target.head(file.key)
  if (!head || head.size !== file.size) return false
  if (head.sha256) return head.sha256 === file.sha256
  const path = target.localPath(file.key)
  return path !== null && (await sha256OfFile(path)) === file.sha256
}
