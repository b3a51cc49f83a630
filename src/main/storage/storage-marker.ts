/**
 * The storage marker `.castdesk-storage.json` (pure): which library and storage a root belongs to.
 * The same object lies at a local root and at an S3 prefix.
 */
export const MARKER_FORMAT = 1

export interface StorageMarker {
  format: number
  libraryId: string
  storage: string
  created: string
}

export function markerText(libraryId: string, storage: string, created: string): string {
  const marker: StorageMarker = { format: MARKER_FORMAT, libraryId, storage, created }
  return `${JSON.stringify(marker, null, 2)}\n`
}

/** The marker in `text`, or null when it is not one (a damaged marker is treated as none). */
export function parseMarker(text: string): StorageMarker | null {
  try {
    const value = JSON.parse(text) as Partial<StorageMarker>
    if (typeof value.libraryId !== 'string' || typeof value.storage !== 'string') return null
    return {
      format: typeof value.format === 'number' ? value.format : MARKER_FORMAT,
      libraryId: value.libraryId,
      storage: value.storage,
      created: typeof value.created === 'string' ? value.created : '',
    }
  } catch {
    return null
  }
}
