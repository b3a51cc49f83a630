import { formatBytes } from '../../../../shared/format'

/** How a podcaster names the folders Castdesk keeps in a storage (django-cast's layout). */
const FOLDERS: [prefix: string, label: string][] = [
  ['cast_videos/poster/', 'Video posters'],
  ['original_images/', 'Original images'],
  ['images/', 'Image sizes (renditions)'],
  ['cast_audio/', 'Audio'],
  ['cast_videos/', 'Video'],
  ['cast_files/', 'Files'],
  ['cast_transcript/', 'Transcripts'],
]

export function folderLabel(key: string): string {
  return FOLDERS.find(([prefix]) => key.startsWith(prefix))?.[1] ?? 'Other'
}

/** "4.2 MiB/s"; "–" before anything moved. */
export function formatRate(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '–'
}

/** "about 5 s left", "about 3 min left"; "" while unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null) return ''
  if (seconds < 1) return 'almost done'
  if (seconds < 90) return `about ${Math.round(seconds)} s left`
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min left`
  return `about ${(seconds / 3600).toFixed(1)} h left`
}

/** "1 file", "3 files". */
export function files(n: number): string {
  return `${n} file${n === 1 ? '' : 's'}`
}

export function totalSize(list: readonly { size: number }[]): number {
  return list.reduce((sum, f) => sum + f.size, 0)
}
