import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeArgs, encodeFilter } from '../../../src/main/media/audio/encode/encode-args'
import { runEncodePipeline } from '../../../src/main/media/audio/encode/encode-pipeline'
import { ffmpegPath, makeDir, probeDurationMs } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { makeMaster } from './master-fixtures'

describe('encode pipeline: one decoder feeding an encoder process per format', () => {
  const root = tempDir('castdesk-encode-pipeline-')
  const files = makeDir(root, 'files')
  const master = makeMaster(join(files, 'master.wav'), { seconds: 30 })
  const outputs = [
    { sampleRate: 44100, channels: 2 as const },
    { sampleRate: 44100, channels: 2 as const },
    { sampleRate: 48000, channels: 2 as const },
  ]
  const encoder = (rate: number, codec: string[], path: string) => [
    ...['-v', 'error', '-y', '-f', 'f32le', '-ar', String(rate), '-ac', '2', '-i', 'pipe:0'],
    ...codec,
    path,
  ]
  const run = (encoders: string[][], signal?: AbortSignal) =>
    runEncodePipeline({
      ffmpeg: ffmpegPath(),
      decode: decodeArgs(master, encodeFilter(-3, null, 'stereo'), outputs),
      encoders,
      timeoutMs: 60_000,
      durationMs: 30_000,
      signal,
    })

  it('writes every output whole, each from the same decode', async () => {
    const paths = ['a.mp3', 'b.m4a', 'c.opus'].map((name) => join(files, name))
    await run([
      encoder(44100, ['-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3'], paths[0] as string),
      encoder(44100, ['-c:a', 'aac', '-b:a', '64k', '-f', 'ipod'], paths[1] as string),
      encoder(48000, ['-c:a', 'libopus', '-b:a', '32k', '-f', 'ogg'], paths[2] as string),
    ])
    for (const path of paths) expect(Math.abs(probeDurationMs(path) - 30_000)).toBeLessThanOrEqual(100)
  })

  it('stops the decoder and the other encoders when one encoder fails, with that failure as the error', async () => {
    const started = Date.now()
    await expect(
      run([
        encoder(44100, ['-c:a', 'libmp3lame', '-f', 'mp3'], join(files, 'x.mp3')),
        encoder(44100, ['-c:a', 'no-such-encoder', '-f', 'ipod'], join(files, 'x.m4a')),
        encoder(48000, ['-c:a', 'libopus', '-f', 'ogg'], join(files, 'x.opus')),
      ]),
    ).rejects.toMatchObject({ code: 'tool_failed' })
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('stops everything on cancel with `cancelled`', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 200)
    const started = Date.now()
    const path = join(files, 'y.mp3')
    await expect(
      run(
        [
          encoder(44100, ['-c:a', 'libmp3lame', '-f', 'mp3'], path),
          encoder(44100, ['-c:a', 'aac', '-f', 'ipod'], join(files, 'y.m4a')),
          encoder(48000, ['-c:a', 'libopus', '-f', 'ogg'], join(files, 'y.opus')),
        ],
        controller.signal,
      ),
    ).rejects.toMatchObject({ code: 'cancelled' })
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
