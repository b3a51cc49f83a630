import { describe, expect, it } from 'vitest'
import { filterItems, nextSelection, tagsOf } from '../../../src/renderer/src/features/library/filters'
import type { MediaItem } from '../../../src/shared/media'

const base = { owner: 'a', created: '', modified: '', title: 't' }
const file = { key: 'k', size: 1, sha256: 'x', mime: 'm', original_name: null, path: null, url: '' }
const items = [
  {
    ...base,
    id: 1,
    type: 'audio',
    tags: ['Interview'],
    subtitle: '',
    duration_ms: 1,
    files: [],
    chapters: [],
    has_transcript: false,
  },
  {
    ...base,
    id: 2,
    type: 'audio',
    tags: [],
    subtitle: '',
    duration_ms: 1,
    files: [],
    chapters: [{ start_ms: 0, title: 'a', link: null, image: null }],
    has_transcript: true,
  },
  {
    ...base,
    id: 3,
    type: 'image',
    tags: ['interview'],
    width: 1,
    height: 1,
    format: 'png',
    alt_text: '',
    focal_point: null,
    file,
  },
  {
    ...base,
    id: 4,
    type: 'image',
    tags: ['cover'],
    width: 1,
    height: 1,
    format: 'png',
    alt_text: 'A mic',
    focal_point: null,
    file,
  },
  {
    ...base,
    id: 5,
    type: 'video',
    tags: [],
    width: 1,
    height: 1,
    orientation: null,
    duration_ms: 1,
    mime: 'video/mp4',
    video_codec: null,
    audio_codec: null,
    poster_seconds: 1,
    poster: null,
    file,
  },
] as MediaItem[]
const ids = (list: MediaItem[]) => list.map((i) => i.id)

describe('library filters', () => {
  it('finds what each item still lacks', () => {
    expect(ids(filterItems(items, 'all', null))).toEqual([1, 2, 3, 4, 5])
    expect(ids(filterItems(items, 'no-chapters', null))).toEqual([1])
    expect(ids(filterItems(items, 'no-transcript', null))).toEqual([1])
    expect(ids(filterItems(items, 'no-poster', null))).toEqual([5])
    expect(ids(filterItems(items, 'no-alt', null))).toEqual([3])
  })

  it('finds audio whose loudness is off the -16 LUFS target by more than 1 LU, or that has only a master', () => {
    const loudness = (integrated_lufs: number | null) => ({
      integrated_lufs,
      true_peak_dbtp: integrated_lufs === null ? null : -2,
      lra_lu: integrated_lufs === null ? null : 5,
      silent: integrated_lufs === null,
    })
    const audio = (id: number, files: Array<number | null | 'unmeasured'>, master = false) =>
      ({
        ...base,
        id,
        type: 'audio',
        tags: [],
        subtitle: '',
        duration_ms: 1,
        chapters: [],
        has_transcript: false,
        master: master
          ? {
              ...file,
              format: 'wav',
              sample_rate: 48000,
              channels: 2,
              bit_depth: 24,
              duration_ms: 1,
              loudness: null,
            }
          : null,
        files: files.map((f) => ({
          ...file,
          format: 'mp3',
          loudness: f === 'unmeasured' ? null : loudness(f),
        })),
      }) as MediaItem
    const list = [
      audio(11, [-16.8]),
      audio(12, [-15.2, -17.3]),
      audio(13, [-23]),
      audio(14, [null]),
      audio(15, ['unmeasured']),
      audio(16, [], true),
      audio(17, [-16], true),
    ]
    expect(ids(filterItems(list, 'loudness-off', null))).toEqual([12, 13, 14, 16])
  })

  it('matches tags in any case and combines with a need', () => {
    expect(ids(filterItems(items, 'all', 'INTERVIEW'))).toEqual([1, 3])
    expect(ids(filterItems(items, 'no-alt', 'interview'))).toEqual([3])
    expect(tagsOf(items)).toEqual(['cover', 'Interview'])
  })

  it('selects alone, toggles and selects ranges in shown order', () => {
    const none = new Set<number>()
    expect([...nextSelection(items, none, null, 3, 'single')]).toEqual([3])
    expect([...nextSelection(items, new Set([3]), 3, 5, 'toggle')].sort()).toEqual([3, 5])
    expect([...nextSelection(items, new Set([3, 5]), 3, 3, 'toggle')]).toEqual([5])
    expect([...nextSelection(items, new Set([4]), 4, 2, 'range')].sort()).toEqual([2, 3, 4])
    expect([...nextSelection(items, none, null, 2, 'range')]).toEqual([2])
  })
})
