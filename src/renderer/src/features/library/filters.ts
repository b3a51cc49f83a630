import type { MediaItem } from '../../../../shared/media'

/** What an item still lacks before it is ready for an episode page. */
export const NEEDS = {
  all: 'Everything',
  'no-chapters': 'Audio without chapters',
  'no-transcript': 'Audio without transcript',
  'no-poster': 'Video without poster',
  'no-alt': 'Images without alt text',
  'loudness-off': 'Audio with loudness off target',
} as const

/** audioEncoding.targetLufs by default; a file within ±1 LU of it counts as on target. */
export const LOUDNESS_TARGET_LUFS = -16
export const LOUDNESS_BAND_LU = 1
export type Need = keyof typeof NEEDS

/** The items carrying `tag` (any case; null: all) and lacking what `need` names. Pure. */
export function filterItems(items: readonly MediaItem[], need: Need, tag: string | null): MediaItem[] {
  const wanted = tag?.toLowerCase() ?? null
  const lacks = LACKS[need]
  return items.filter(
    (item) => (wanted === null || item.tags.some((t) => t.toLowerCase() === wanted)) && lacks(item),
  )
}

const LACKS: Record<Need, (item: MediaItem) => boolean> = {
  all: () => true,
  'no-chapters': (item) => item.type === 'audio' && item.chapters.length === 0,
  'no-transcript': (item) => item.type === 'audio' && !item.has_transcript,
  'no-poster': (item) => item.type === 'video' && item.poster === null,
  'no-alt': (item) => item.type === 'image' && item.alt_text.trim() === '',
  // Measured files outside the band, or a master not yet encoded into episode files.
  'loudness-off': (item) =>
    item.type === 'audio' &&
    (((item.master ?? null) !== null && item.files.length === 0) ||
      item.files.some(
        (f) =>
          f.loudness !== null &&
          (f.loudness.integrated_lufs === null ||
            Math.abs(f.loudness.integrated_lufs - LOUDNESS_TARGET_LUFS) > LOUDNESS_BAND_LU),
      )),
}

/** Every tag of the items, once each (first spelling wins), sorted. */
export function tagsOf(items: readonly MediaItem[]): string[] {
  const tags = new Map<string, string>()
  for (const item of items)
    for (const t of item.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t)
  return [...tags.values()].sort((a, b) => a.localeCompare(b))
}

export type SelectMode = 'single' | 'toggle' | 'range' | 'all'

/**
 * The selection after a click on `id`: alone, toggled in or out (Ctrl/⌘), the run from the
 * anchor to it (Shift) in the order shown, or every item shown (Ctrl/⌘-A). Pure.
 */
export function nextSelection(
  items: readonly MediaItem[],
  selected: ReadonlySet<number>,
  anchor: number | null,
  id: number,
  mode: SelectMode,
): Set<number> {
  if (mode === 'all') return new Set(items.map((i) => i.id))
  if (mode === 'toggle') {
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    return next
  }
  if (mode === 'range' && anchor !== null) {
    const from = items.findIndex((i) => i.id === anchor)
    const to = items.findIndex((i) => i.id === id)
    if (from >= 0 && to >= 0) {
      const [a, b] = from < to ? [from, to] : [to, from]
      return new Set(items.slice(a, b + 1).map((i) => i.id))
    }
  }
  return new Set([id])
}
