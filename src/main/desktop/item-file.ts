import { stat } from 'node:fs/promises'
import type { CallContext } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import { AUDIO_FORMATS, type MediaItem } from '../../shared/media'
import type { Call } from '../api/dispatch'

/**
 * The file on this computer that stands for an item when it is dragged out or revealed: the
 * original for images, videos and files; for audio the first format present in the order
 * mp3, m4a, oga, opus. Null when the item's storage is not a local folder.
 */
export function primaryLocalPath(item: MediaItem): string | null {
  if (item.type !== 'audio') return item.file.path
  for (const format of AUDIO_FORMATS) {
    const file = item.files.find((f) => f.format === format && f.path)
    if (file) return file.path
  }
  return null
}

/**
 * Resolves an item id from the page to its file: through the contract (`media.show`, so the id is
 * validated and must belong to the acting user), then checked to exist on disk.
 */
export async function itemFileForDesktop(call: Call, id: unknown, context: CallContext): Promise<string> {
  const item = await call('media.show', { id: id as number }, context)
  const path = primaryLocalPath(item)
  if (!path) {
    throw new CastdeskError(
      'not_found',
      `“${item.title}” is not stored on this computer (its storage is remote), so it cannot be dragged out or shown in a folder. Download it from the detail panel instead.`,
    )
  }
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) {
    throw new CastdeskError(
      'not_found',
      `The file of “${item.title}” is missing from the library folder (${path}). Run “Check setup” to find missing files.`,
    )
  }
  return path
}
