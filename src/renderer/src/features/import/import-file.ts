import type { DesktopBridge } from '../../../../shared/desktop'
import { desktop, requireClient } from '../../lib/client'
import { resultOfOutcomes } from './outcome'
import { type UploadResult, uploadFile } from './upload'

/**
 * How a dropped file reaches the library. In the desktop window the file is already on this
 * computer: the engine imports it by path (`media.import`), no bytes cross the bridge. In a browser
 * it is uploaded to `castdesk serve`. The import screen never needs to know which.
 */
export const importer: { busyMessage: string; importFile: (file: File) => Promise<UploadResult> } = desktop
  ? byPath(desktop)
  : { busyMessage: 'Uploading…', importFile: uploadFile }

function byPath(bridge: DesktopBridge) {
  return {
    busyMessage: 'Importing…',
    importFile: (file: File) => importByPath(file, bridge.pathsForFiles([file])[0]),
  }
}

async function importByPath(file: File, path: string | undefined): Promise<UploadResult> {
  if (!path) {
    return {
      status: 'error',
      message: `“${file.name}” is not a file on this computer (dragged from a web page?). Save it to a folder first, then drop it here.`,
    }
  }
  try {
    return resultOfOutcomes(await requireClient().call('media.import', { paths: [path] }))
  } catch (error) {
    return { status: 'error', message: (error as Error).message }
  }
}
