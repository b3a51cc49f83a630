import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseFile } from 'music-metadata'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AudioEncodeResult } from '../../../src/shared/api/audio.api'
import type { AudioItem, ImageItem, ImportOutcome, LoudnessInfo } from '../../../src/shared/media'
import { ffmpegPath, ffprobePath, makeDir, makeImage, probeDurationMs } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeMaster, QUIET_WITH_CLICKS, speechLike } from './master-fixtures'

/** Loudness as ffmpeg measures it, independently of Castdesk's code. */
function measured(path: string): { i: number; tp: number } {
  const result = (() => {
    const out = execFileSync(
      'sh',
      [
        '-c',
        `"${ffmpegPath()}" -nostats -hide_banner -i "${path}" -map 0:a:0 -af ebur128=peak=true:framelog=verbose -f null - 2>&1`,
      ],
      { encoding: 'utf8' },
    )
    return out.slice(out.lastIndexOf('Summary:'))
  })()
  const i = Number(/I:\s+(-?[\d.]+) LUFS/.exec(result)?.[1])
  const tp = Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(result)?.[1])
  return { i, tp }
}

describe('audio encode: normalized, tagged episode files from a master', () => {
  const root = tempDir('castdesk-encode-')
  const files = makeDir(root, 'files')
  let t: TestLibrary
  const ann = () => t.as('ann')
  const importOne = async (path: string) =>
    ((await t.call('media.import', { paths: [path] }, ann()))[0] as ImportOutcome).id as number
  let coverId: number
  let chapterImageKey: string

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'library'))
    coverId = await importOne(await makeImage(join(files, 'cover.png'), 'png', { width: 3400, height: 3400 }))
    const chapterImage = await importOne(
      await makeImage(join(files, 'chapter.jpg'), 'jpeg', { width: 400, height: 300, seed: 7 }),
    )
    chapterImageKey = ((await t.call('media.show', { id: chapterImage }, ann())) as ImageItem).file.key
    await t.call('podcast.init', { title: 'Kitchen Radio', author: 'Ana Baker', cover: coverId }, ann())
  })

  const cases = [
    { name: 'quiet-speech', source: speechLike(0.02) },
    { name: 'loud-speech', source: speechLike(0.9) },
    { name: 'clicks', source: QUIET_WITH_CLICKS },
  ]

  for (const c of cases) {
    it(`lands ${c.name} at -16 ±0.5 LUFS with true peak ≤ -0.9 dBTP in MP3, M4A and Opus`, async () => {
      const id = await importOne(
        makeMaster(join(files, `${c.name}.wav`), { source: c.source, seconds: 20, channels: 2 }),
      )
      const master = (await t.call('audio.loudness', { id }, ann())).master?.loudness as LoudnessInfo
      const result = await t.call('audio.encode', { id, formats: ['mp3', 'm4a', 'opus'] }, ann())
      expect(result.files.map((f) => f.format)).toEqual(['mp3', 'm4a', 'opus'])
      if (c.name === 'clicks') {
        // plain gain to -16 would put the clicks far above 0 dBFS
        expect((master.true_peak_dbtp as number) + result.gain_db).toBeGreaterThan(0)
        expect(result.method).toBe('gain+limiter')
      }
      const audio = (await t.call('media.show', { id }, ann())) as AudioItem
      for (const file of audio.files) {
        const { i, tp } = measured(file.path as string)
        expect(Math.abs(i + 16), `${c.name} ${file.format} at ${i} LUFS`).toBeLessThanOrEqual(0.5)
        expect(tp, `${c.name} ${file.format} peak ${tp}`).toBeLessThanOrEqual(-0.9)
        expect(Math.abs(probeDurationMs(file.path as string) - 20_000)).toBeLessThanOrEqual(100)
        expect(file.loudness?.integrated_lufs).toBeCloseTo(i, 0)
      }
    })
  }

  it('tags MP3 and M4A with title, album, artist, cover and chapters (MP3: links and a chapter picture)', async () => {
    const id = await importOne(
      makeMaster(join(files, 'ep7.wav'), { source: speechLike(0.1), seconds: 12, channels: 1 }),
    )
    await t.call('audio.update', { id, title: 'Sourdough', subtitle: 'Feeding the starter' }, ann())
    await t.call(
      'audio.setChapters',
      {
        id,
        chapters: [
          { start_ms: 0, title: 'Intro', link: 'https://example.org/intro', image: null },
          {
            start_ms: 5000,
            title: 'Starter',
            link: 'https://example.org/starter',
            image: `https://cdn.example.org/media/${chapterImageKey}`,
          },
        ],
      },
      ann(),
    )
    await t.call(
      'episodes.create',
      { title: 'Sourdough', audio: id, number: 7, published: '2025-05-01' },
      ann(),
    )
    const result: AudioEncodeResult = await t.call('audio.encode', { id }, ann())
    expect(result).toMatchObject({
      source: 'wav',
      source_is_master: true,
      cover_image_id: coverId,
      chapters: 2,
      chapter_pictures: 1,
    })
    const audio = (await t.call('media.show', { id }, ann())) as AudioItem
    expect(audio.files.map((f) => f.format)).toEqual(['mp3', 'm4a'])
    for (const file of audio.files) {
      // music-metadata reads MP3 chapters (ID3 CHAP); QuickTime chapter tracks it does not read
      // reliably, so M4A chapters are checked with ffprobe (as Castdesk's own check does).
      const meta = await parseFile(file.path as string, { includeChapters: file.format === 'mp3' })
      expect(meta.common.title).toBe('Sourdough')
      expect(meta.common.album).toBe('Kitchen Radio')
      expect(meta.common.artist).toBe('Ana Baker')
      expect(meta.common.track.no).toBe(7)
      expect(meta.common.year).toBe(2025)
      expect(meta.common.genre).toEqual(['Podcast'])
      // ffmpeg's MP4 sample entry always says 2 channels; the AAC stream itself is mono (ffprobe reads it).
      if (file.format === 'mp3') expect(meta.format.numberOfChannels).toBe(1)
      else
        expect(
          execFileSync(
            ffprobePath(),
            ['-v', 'error', '-show_entries', 'stream=channels', '-of', 'csv=p=0', file.path as string],
            { encoding: 'utf8' },
          )
            .trim()
            .split('\n')[0],
        ).toBe('1')
      const picture = meta.common.picture?.[0]
      expect(picture?.format).toBe('image/jpeg')
      expect(picture?.data.length).toBeGreaterThan(1000)
      if (file.format === 'm4a') {
        const probed = JSON.parse(
          execFileSync(
            ffprobePath(),
            ['-v', 'error', '-print_format', 'json', '-show_chapters', file.path as string],
            {
              encoding: 'utf8',
            },
          ),
        ) as { chapters: Array<{ start_time: string; tags: { title: string } }> }
        expect(probed.chapters.map((c) => [Number(c.start_time), c.tags.title])).toEqual([
          [0, 'Intro'],
          [5, 'Starter'],
        ])
      }
      const chapters = meta.format.chapters ?? []
      if (file.format === 'mp3') {
        expect(chapters.map((c) => c.title)).toEqual(['Intro', 'Starter'])
        expect(chapters.map((c) => c.url?.url)).toEqual([
          'https://example.org/intro',
          'https://example.org/starter',
        ])
        expect(chapters[1]?.image?.format).toBe('image/jpeg')
        expect(chapters[1]?.image?.data.length).toBeGreaterThan(1000)
        expect(chapters[0]?.image).toBeFalsy()
      }
    }
  })

  it('refuses a master of digital silence with silent_audio and leaves the Audio as it was', async () => {
    const id = await importOne(
      makeMaster(join(files, 'silence.wav'), {
        source: 'anullsrc=channel_layout=stereo:sample_rate=48000',
        seconds: 5,
      }),
    )
    await expect(t.call('audio.encode', { id }, ann())).rejects.toMatchObject({ code: 'silent_audio' })
    expect(((await t.call('media.show', { id }, ann())) as AudioItem).files).toEqual([])
  })

  it('mixes 6 channels down to stereo and says so; takes an 8 kHz mono master', async () => {
    const six = await importOne(
      makeMaster(join(files, 'surround.wav'), { source: speechLike(0.2), seconds: 6, channels: 6 }),
    )
    const result = await t.call('audio.encode', { id: six, formats: ['mp3'] }, ann())
    expect(result.warnings.join(' ')).toMatch(/6 channels.*stereo/)
    const low = await importOne(
      makeMaster(join(files, 'phone.wav'), {
        source: speechLike(0.2),
        seconds: 6,
        channels: 1,
        rate: 8000,
        codec: 'pcm_s16le',
      }),
    )
    const phone = await t.call('audio.encode', { id: low, formats: ['mp3', 'm4a'] }, ann())
    expect(phone.files).toHaveLength(2)
    const audio = (await t.call('media.show', { id: low }, ann())) as AudioItem
    const meta = await parseFile(audio.files[0]?.path as string)
    expect(meta.format.numberOfChannels).toBe(1)
    expect(meta.format.sampleRate).toBe(44100)
  })

  it('replaces the files of the same format, deleting the old file only after the new one is stored', async () => {
    const id = await importOne(makeMaster(join(files, 'again.wav'), { source: speechLike(0.3), seconds: 6 }))
    const first = await t.call('audio.encode', { id, formats: ['mp3'] }, ann())
    const oldPath = ((await t.call('media.show', { id }, ann())) as AudioItem).files[0]?.path as string
    expect(existsSync(oldPath)).toBe(true)
    const second = await t.call('audio.encode', { id, formats: ['mp3'], target_lufs: -19 }, ann())
    expect(second.files[0]?.replaced).toBe(true)
    expect(second.files[0]?.sha256).not.toBe(first.files[0]?.sha256)
    expect(existsSync(oldPath)).toBe(false)
    const audio = (await t.call('media.show', { id }, ann())) as AudioItem
    expect(audio.files).toHaveLength(1)
    expect(Math.abs(measured(audio.files[0]?.path as string).i + 19)).toBeLessThanOrEqual(0.5)
  })
})
