import { describe, expect, it } from 'vitest'
import { chapterWriteArgs } from '../../../src/main/media/audio/chapter-write-args'

const base = { source: 'in', metadataFile: 'meta.txt', output: 'out', staleOggKeys: [] as string[] }
const chapters = [
  { startMs: 0, title: 'One', link: 'https://x.org', image: null },
  { startMs: 2000, title: 'Two = 2', link: null, image: null },
]

describe('chapterWriteArgs', () => {
  it('copies MP3 streams with the cover and ID3v2.3 chapters from the FFMETADATA file', () => {
    expect(chapterWriteArgs({ ...base, format: 'mp3', chapters, audioCodec: 'mp3' }).join(' ')).toBe(
      '-v error -nostdin -y -i in -i meta.txt -map 0:a -map 0:v? -map_metadata 0 -map_chapters 1 -c copy -id3v2_version 3 -f mp3 out',
    )
  })

  it('writes AAC M4A as an iPod file and other M4A as MP4, drops chapters with -1', () => {
    expect(chapterWriteArgs({ ...base, format: 'm4a', chapters, audioCodec: 'aac' })).toContain('ipod')
    const mp3InMp4 = chapterWriteArgs({ ...base, format: 'm4a', chapters: [], audioCodec: 'mp3' })
    expect(mp3InMp4.join(' ')).toBe(
      '-v error -nostdin -y -i in -map 0:a -map 0:v? -map_metadata 0 -map_chapters -1 -c copy -f mp4 -movflags +faststart out',
    )
  })

  it('sets Ogg chapter comments and blanks stale ones', () => {
    const args = chapterWriteArgs({
      ...base,
      format: 'opus',
      chapters,
      audioCodec: 'opus',
      staleOggKeys: ['CHAPTER001URL', 'CHAPTER005URL'],
    })
    expect(args.join(' ')).toBe(
      [
        '-v error -nostdin -y -i in -map 0:a -map_metadata 0 -map_chapters -1 -c copy',
        '-metadata:s:a:0 CHAPTER005URL=',
        '-metadata:s:a:0 CHAPTER001=00:00:00.000 -metadata:s:a:0 CHAPTER001NAME=One -metadata:s:a:0 CHAPTER001URL=https://x.org',
        '-metadata:s:a:0 CHAPTER002=00:00:02.000 -metadata:s:a:0 CHAPTER002NAME=Two = 2',
        '-f ogg out',
      ].join(' '),
    )
  })
})
