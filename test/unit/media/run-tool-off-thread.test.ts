import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runTool } from '../../../src/main/media/tools/run-tool'
import {
  prepareToolRunners,
  runToolOffThread,
  stopToolRunners,
} from '../../../src/main/media/tools/run-tool-off-thread'
import { ffmpegPath, ffprobePath, makeAudio } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'

const PROBE = [
  '-v',
  'error',
  '-print_format',
  'json',
  '-show_format',
  '-show_streams',
  '-show_chapters',
  '-i',
]

describe('runToolOffThread', () => {
  const dir = tempDir()
  // Runs before the helpers are up stay in this thread; these are meant for the helpers.
  beforeAll(() => prepareToolRunners())

  it('prints what runTool prints, for several runs at once', async () => {
    const files = [440, 660, 880].map((frequency) =>
      makeAudio(join(dir, `tone-${frequency}.mp3`), 'mp3', { seconds: 1, frequency, chapters: true }),
    )
    const offThread = await Promise.all(
      files.map((file) => runToolOffThread(ffprobePath(), [...PROBE, file], { timeoutMs: 30_000 })),
    )
    for (const [n, file] of files.entries()) {
      const inThread = await runTool(ffprobePath(), [...PROBE, file], { timeoutMs: 30_000 })
      expect(JSON.parse(offThread[n]?.stdout ?? '')).toEqual(JSON.parse(inThread.stdout))
    }
    expect(JSON.parse(offThread[0]?.stdout ?? '').chapters).toHaveLength(2)
  })

  it('fails with the tool’s last line of stderr when it exits non-zero', async () => {
    const notMedia = join(dir, 'notes.mp3')
    writeFileSync(notMedia, 'plain text, not audio\n')
    const run = runToolOffThread(ffprobePath(), [...PROBE, notMedia], { timeoutMs: 30_000 })
    await expect(run).rejects.toMatchObject({ code: 'tool_failed', message: /^ffprobe failed: .+/ })
  })

  it('says a tool that is not there is missing', async () => {
    const run = runToolOffThread(join(dir, 'no-such-ffprobe'), ['-version'], { timeoutMs: 5_000 })
    await expect(run).rejects.toMatchObject({
      code: 'tool_missing',
      message: /Could not run .*no-such-ffprobe/,
    })
  })

  it('stops a tool that runs past its timeout', async () => {
    const endless = ['-v', 'error', '-re', '-f', 'lavfi', '-i', 'sine', '-f', 'null', '-']
    const started = performance.now()
    const run = runToolOffThread(ffmpegPath(), endless, { timeoutMs: 500 })
    await expect(run).rejects.toMatchObject({
      code: 'tool_timeout',
      message: 'ffmpeg did not finish within 0.5 s.',
    })
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('stops a tool that prints more than it may', async () => {
    const run = runToolOffThread(ffprobePath(), ['-hide_banner', '-formats'], {
      timeoutMs: 30_000,
      maxOutputBytes: 100,
    })
    await expect(run).rejects.toMatchObject({
      code: 'tool_failed',
      message: 'ffprobe printed more than 100 bytes.',
    })
  })

  it.skipIf(process.platform === 'win32')(
    'starts tools from a helper process, not from this one',
    async () => {
      const { stdout } = await runToolOffThread('/bin/sh', ['-c', 'echo $PPID'], { timeoutMs: 10_000 })
      const parent = Number(stdout.trim())
      expect(parent).toBeGreaterThan(1)
      expect(parent).not.toBe(process.pid)
    },
  )

  it('stops its helpers on request, and runs again after', async () => {
    await stopToolRunners()
    const { stdout } = await runToolOffThread(ffprobePath(), ['-hide_banner', '-version'], {
      timeoutMs: 30_000,
    })
    expect(stdout).toMatch(/^ffprobe version/)
    await prepareToolRunners()
    const again = await runToolOffThread(ffprobePath(), ['-hide_banner', '-version'], { timeoutMs: 30_000 })
    expect(again.stdout).toMatch(/^ffprobe version/)
  })
})
