/** The marker that proves a storage root belongs to this library and storage (storage-marker.ts). */
export const MARKER_KEY = '.castdesk-storage.json'

/**
 * Keys Castdesk keeps for itself in a storage: the marker, partial writes and the quarantine of removed files. They are never media: never listed, synced, called stale,
 * counted in sizes or imported.
 */
const RESERVED_PREFIXES = ['.castdesk-tmp/', '.castdesk-quarantine/', 'castdesk-quarantine/']

export function isReservedKey(key: string): boolean {
  return key === MARKER_KEY || RESERVED_PREFIXES.some((prefix) => key.startsWith(prefix))
}

/** Folder names at a local root that hold no media (the quarantine and partial writes). */
export const RESERVED_ROOT_FOLDERS: readonly string[] = ['.castdesk-tmp', '.castdesk-quarantine']
