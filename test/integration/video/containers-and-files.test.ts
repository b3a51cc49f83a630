import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FileItem, ImportOutcome, MediaItem, VideoItem } from '../../../src/shared/media'
import { ffmpegPath, makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']
const CONTAINERS: { file: string; args: string[]; mime: string }[] = [
  { file: 'clip.mp4', args: [...H264, '-f', 'mp4'], mime: 'video/mp4' },
  { file: 'clip.m4v', args: [...H264, '-f', 'ipod'], mime: 'video/x-m4v' },
  { file: 'clip.mov', args: [...H264, '-f', 'mov'], mime: 'video/quicktime' },
  { file: 'clip.webm', args: ['-c:v', 'libvpx', '-deadline', 'realtime', '-f', 'webm'], mime: 'video/webm' },
  { file: 'clip.mkv', args: [...H264, '-f', 'matroska'], mime: 'video/x-matroska' },
  { file: 'clip.avi', args: ['-c:v', 'mpeg4', '-f', 'avi'], mime: 'video/x-msvideo' },
  { file: 'clip.ogv', args: ['-c:v', 'libtheora', '-f', 'ogg'], mime: 'video/ogg' },
]

/** Files that are not image, audio or video, with the MIME type their bytes (or text) give. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
)
const FILES: { name: string; bytes: Buffer; mime: string; key: RegExp }[] = [
  { name: 'show notes.pdf', bytes: PDF, mime: 'application/pdf', key: /^cast_files\/show_notes\.pdf$/ },
  {
    name: 'archive.tar.gz',
    bytes: gzipSync(Buffer.from('x'.repeat(1000))),
    mime: 'application/gzip',
    key: /^cast_files\/archive\.tar\.gz$/,
  },
  {
    name: 'notes.md',
    bytes: Buffer.from('# Episode 12\n'),
    mime: 'text/markdown',
    key: /^cast_files\/notes\.md$/,
  },
  {
    name: 'README',
    bytes: Buffer.from([0x00, 0x13, 0x37, 0x42, 0x99, 0x01]),
    mime: 'application/octet-stream',
    key: /^cast_files\/README$/,
  },
]

/** clip.mp4 → clip-mp4.bin: the MIME type must come from the bytes, not from the name. */
const binName = (file: string) => `${file.replace('.', '-')}.bin`

describe('MIME from the container, and generic files', () => {
  const root = tempDir()
  let t: TestLibrary
  let outcomes: ImportOutcome[]
  const alice = () => t.as('alice')
  const byName = (name: string) => outcomes.find((o) => o.path.endsWith(`/${name}`)) as ImportOutcome

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'lib'))
    const dir = makeDir(root, 'in')
    for (const { file, args } of CONTAINERS) {
      execFileSync(ffmpegPath(), [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10:duration=1'],
        ...args,
        join(dir, binName(file)),
      ])
    }
    for (const { name, bytes } of FILES) writeFileSync(join(dir, name), bytes)
    outcomes = await t.call('media.import', { paths: [dir] }, alice())
  })

  it.each(CONTAINERS)('$file is a video with MIME $mime, sniffed from its bytes', async ({ file, mime }) => {
    const outcome = byName(binName(file))
    expect(outcome).toMatchObject({ status: 'imported', type: 'video' })
    const video = (await t.call('media.show', { id: outcome.id as number }, alice())) as VideoItem
    expect(video).toMatchObject({ mime, width: 160, height: 90, orientation: 'landscape' })
    expect(video.file.mime).toBe(mime)
    expect(video.file.key).toBe(`cast_videos/${file.replace('.', '-')}.${file.split('.')[1]}`)
  })

  it.each(FILES)(
    '$name is a file under cast_files/ with MIME $mime, its size and original name',
    async (f) => {
      const outcome = byName(f.name)
      expect(outcome).toMatchObject({ status: 'imported', type: 'file' })
      const item = (await t.call(
        'media.show',
        { id: outcome.id as number },
        alice(),
      )) as MediaItem as FileItem
      expect(item).toMatchObject({ type: 'file', mime: f.mime, size: f.bytes.length })
      expect(item.file).toMatchObject({ mime: f.mime, size: f.bytes.length, original_name: f.name })
      expect(item.file.key).toMatch(f.key)
    },
  )
})
