import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveTool } from '../../../src/main/media/tools/tool-paths'
import { tempDir } from '../../helpers/temp-dir'

describe('resolveTool', () => {
  const dir = tempDir()

  it('prefers FFPROBE_PATH when it points at a runnable file', () => {
    const fake = join(dir, 'my-ffprobe')
    writeFileSync(fake, '#!/bin/sh\n')
    chmodSync(fake, 0o755)
    expect(resolveTool('ffprobe', { FFPROBE_PATH: fake })).toEqual({
      name: 'ffprobe',
      path: fake,
      source: 'environment',
    })
  })

  it('says how to fix a FFMPEG_PATH that points nowhere', () => {
    expect(() => resolveTool('ffmpeg', { FFMPEG_PATH: join(dir, 'missing') })).toThrow(
      /FFMPEG_PATH is set to ".*missing", but there is no runnable ffmpeg there/,
    )
  })

  it('falls back to the binary shipped in the npm package', () => {
    const found = resolveTool('ffprobe', {})
    expect(found.source).toBe('npm package')
    expect(found.path).toMatch(/@ffprobe-installer/)
  })
})
