import { formatBytes, formatDuration } from '../../shared/format'
import type { MediaItem } from '../../shared/media'

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

export function printLines(lines: readonly string[]): void {
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`)
}

/** One line describing an item, for `list`. */
export function summarize(item: MediaItem): string {
  return [String(item.id).padStart(6), item.type.padEnd(5), item.title, `(${details(item)})`].join('  ')
}

function details(item: MediaItem): string {
  switch (item.type) {
    case 'image':
      return `${item.width}×${item.height} ${item.format}, ${formatBytes(item.file.size)}`
    case 'audio':
      return `${formatDuration(item.duration_ms)}, ${item.files.map((f) => f.format).join('+')}, ${item.chapters.length} chapters`
    case 'video':
      return `${item.width ?? '?'}×${item.height ?? '?'} ${item.orientation ?? ''}, ${formatDuration(item.duration_ms)}`
    case 'file':
      return `${item.mime}, ${formatBytes(item.size)}`
  }
}

/** The full human view of one item, for `show`. */
export function describeItem(item: MediaItem): string[] {
  const lines = [
    `#${item.id} ${item.type}: ${item.title}`,
    `owner: ${item.owner}`,
    `created: ${item.created}`,
  ]
  if (item.tags.length) lines.push(`tags: ${item.tags.join(', ')}`)
  lines.push(details(item))
  const files = item.type === 'audio' ? item.files : [item.file]
  for (const file of files)
    lines.push(`file: ${file.path ?? file.key} (${formatBytes(file.size)}, ${file.mime})`)
  if (item.type === 'audio') {
    for (const chapter of item.chapters) lines.push(`  ${formatDuration(chapter.start_ms)}  ${chapter.title}`)
  }
  return lines
}
