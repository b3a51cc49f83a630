import { toErrorBody } from '../../shared/errors'
import { Library } from '../library/library'
import { type CheckResult, failure, ok } from './check'
import { checkImageFormats } from './images.check'
import { checkLibrary, libraryUnavailable } from './library.check'
import { checkLibrarySnapshots } from './library-backup.check'
import { checkStorages } from './storage.check'
import { checkStorageLinks } from './storage-links.check'
import { checkTool } from './tools.check'

export interface DoctorReport {
  ok: boolean
  checks: CheckResult[]
}

/** Every check of `castdesk doctor`; the library ones only when it opens. */
export async function runDoctor(
  libraryDir: string,
  env: NodeJS.ProcessEnv,
  keychain?: CheckResult,
): Promise<DoctorReport> {
  const checks: CheckResult[] = [
    await checkTool('ffmpeg', env),
    await checkTool('ffprobe', env),
    await checkImageFormats(),
  ]
  let library: Library | null = null
  try {
    library = await Library.open(libraryDir, { env, checkIntegrity: true })
  } catch (error) {
    checks.push(libraryUnavailable(libraryDir, error))
  }
  if (library) {
    try {
      checks.push(
        ...(await guarded('library', 'library', async () => checkLibrary(library as Library))),
        ...(await guarded('storages', 'storages', () => checkStorages(library as Library))),
        ...(await guarded('storages.links', 'links out of storages', () =>
          checkStorageLinks(library as Library),
        )),
        ...(await guarded('library.snapshots', 'library snapshots', async () => [
          await checkLibrarySnapshots(library as Library, new Date()),
        ])),
        uploadLimits(library),
      )
    } finally {
      library.close()
    }
  }
  checks.push(
    keychain ??
      ok(
        'keychain',
        'credentials',
        'The command line reads S3 credentials from environment variables; the desktop app keeps them in the system keychain.',
      ),
  )
  return { ok: checks.every((check) => check.status !== 'error'), checks }
}

/** A check that throws becomes one error finding instead of ending the whole report. */
async function guarded(id: string, title: string, run: () => Promise<CheckResult[]>): Promise<CheckResult[]> {
  try {
    return await run()
  } catch (error) {
    return [failure(id, title, `This check could not run: ${toErrorBody(error).message}`)]
  }
}

function uploadLimits(library: Library): CheckResult {
  const limits = library.config.uploadLimits
  const mib = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MiB`
  return ok(
    'upload.limits',
    'upload limits',
    `Largest accepted: images ${mib(limits.imageBytes)}, audio ${mib(limits.audioBytes)}, video ${mib(limits.videoBytes)}, files ${mib(limits.fileBytes)} (uploadLimits in castdesk.config.json).`,
    { ...limits },
  )
}
