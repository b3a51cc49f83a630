import { describe, expect, it } from 'vitest'
import { chapterDifference, expectedReadBack } from '../../../src/main/media/audio/chapters/chapter-diff'
import {
  chaptersFromProbe,
  type ProbedChapters,
} from '../../../src/main/media/audio/chapters/embedded-chapters'
import {
  chapterCommentKeys,
  oggChapterComments,
} from '../../../src/main/media/audio/chapters/ogg-chapter-comments'

const chapter = (startMs: number, title: string, link: string | null = null) => ({
  startMs,
  title,
  link,
  image: null,
})

describe('chaptersFromProbe', () => {
  it('reads ffprobe chapters, dropping untitled and repeated starts, sorted', () => {
    const probe: ProbedChapters = {
      chapters: [
        { id: 0, start_time: '4.500000', tags: { title: 'Second  one\n' } },
        { id: 1, start_time: '0.000000', tags: { title: 'First' } },
        { id: 2, start_time: '4.500000', tags: { title: 'Again' } },
        { id: 3, start_time: '7.000000', tags: {} },
        { id: 4, tags: { title: 'No start' } },
      ],
    }
    expect(chaptersFromProbe(probe)).toEqual([chapter(0, 'First'), chapter(4500, 'Second one')])
  })

  it('takes Ogg links from CHAPTERnnnURL comments and MP3 links from ID3 chapters', () => {
    const ogg = {
      chapters: [
        { id: 1, start_time: '0.000000', tags: { title: 'A' } },
        { id: 2, start_time: '2.000000', tags: { title: 'B' } },
      ],
      streams: [{ codec_type: 'audio', tags: { chapter002url: 'https://example.org/b', ENCODER: 'x' } }],
    }
    expect(chaptersFromProbe(ogg)).toEqual([chapter(0, 'A'), chapter(2000, 'B', 'https://example.org/b')])
    const mp3 = { chapters: [{ id: 0, start_time: '1.250000', tags: { title: 'C' } }] }
    const id3 = [{ elementId: 'ch0', startMs: 1250, endMs: 2000, title: 'C', link: 'https://example.org/c' }]
    expect(chaptersFromProbe(mp3, id3)).toEqual([chapter(1250, 'C', 'https://example.org/c')])
  })
})

describe('Ogg chapter comments', () => {
  it('numbers chapters from 001 by start, with NAME and URL', () => {
    expect(oggChapterComments([chapter(65_001, 'Two', 'https://x.org'), chapter(0, 'One = 1')])).toEqual([
      ['CHAPTER001', '00:00:00.000'],
      ['CHAPTER001NAME', 'One = 1'],
      ['CHAPTER002', '00:01:05.001'],
      ['CHAPTER002NAME', 'Two'],
      ['CHAPTER002URL', 'https://x.org'],
    ])
    expect(() => oggChapterComments(Array.from({ length: 1000 }, (_, i) => chapter(i, `C${i}`)))).toThrow(
      RangeError,
    )
  })

  it('finds the chapter keys among stream tags', () => {
    expect(
      chapterCommentKeys({ ENCODER: 'x', CHAPTER003URL: 'u', chapter010name: 'n', CHAPTERS: 'no' }),
    ).toEqual(['CHAPTER003URL', 'chapter010name'])
    expect(chapterCommentKeys(undefined)).toEqual([])
  })
})

describe('chapterDifference', () => {
  const written = [chapter(1000, 'Intro', 'https://a.org'), chapter(5000, 'Main')]

  it('finds nothing when the chapters read back exactly', () => {
    expect(chapterDifference(written, written, { links: true })).toBeNull()
  })

  it('names the first difference', () => {
    expect(chapterDifference(written, [written[0] as never], { links: true })).toBe(
      '2 chapters were written but 1 read back',
    )
    expect(
      chapterDifference(written, [chapter(1000, 'Intro', 'https://a.org'), chapter(5001, 'Main')], {
        links: true,
      }),
    ).toBe('chapter 2 should start at 00:00:05.000 but starts at 00:00:05.001')
    expect(
      chapterDifference(written, [chapter(1000, 'Intro'), chapter(5000, 'Main')], { links: true }),
    ).toMatch(/chapter 1 should link to https:\/\/a.org but links to nothing/)
    expect(
      chapterDifference(written, [chapter(1000, 'Intro'), chapter(5000, 'Mian')], { links: false }),
    ).toMatch(/titled "Main" but reads "Mian"/)
  })

  it('expects the first chapter at 0 where the format cannot start later', () => {
    expect(expectedReadBack(written, { links: false, firstStartsAtZero: true })).toEqual([
      chapter(0, 'Intro'),
      chapter(5000, 'Main'),
    ])
  })
})
