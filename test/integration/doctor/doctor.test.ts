import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DoctorCheck } from '../../../src/shared/api/system.api'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

interface Report {
  ok: boolean
  checks: DoctorCheck[]
}

describe('castdesk doctor and logs', () => {
  const root = tempDir()
  const library = join(root, 'library')
  const find = (report: Report, id: string) => report.checks.find((c) => c.id === id) as DoctorCheck

  beforeAll(() => {
    runCli(['--library', library, 'init'])
  })

  it('finds a healthy setup healthy and exits 0', () => {
    const { code, json } = runCliJson<Report>(['--library', library, 'doctor'])
    expect(code).toBe(0)
    expect(json.ok).toBe(true)
    for (const id of [
      'tool.ffmpeg',
      'tool.ffprobe',
      'images.formats',
      'library.integrity',
      'library.disk',
      'storage.default',
    ]) {
      expect(find(json, id).status, id).toBe('ok')
    }
    expect(find(json, 'images.formats').message).toMatch(/reads and writes JPEG, PNG, WebP and AVIF/)
    expect(find(json, 'storage.default').message).toBe(
      'Storage "default" is reachable; list, read, write and delete all work.',
    )
  })

  it('says how to fix an FFPROBE_PATH that points at a missing file, and exits 1', () => {
    const missing = join(root, 'no-such-ffprobe')
    const { code, json } = runCliJson<Report>(['--library', library, 'doctor'], { FFPROBE_PATH: missing })
    expect(code).toBe(1)
    expect(json.ok).toBe(false)
    expect(find(json, 'tool.ffprobe')).toMatchObject({
      status: 'error',
      message: `FFPROBE_PATH is set to "${missing}", but there is no runnable ffprobe there. Point FFPROBE_PATH at the ffprobe binary or unset it to use the bundled one.`,
    })
    expect(find(json, 'tool.ffmpeg').status).toBe('ok')
  })

  it('reports a library that cannot be opened instead of crashing', () => {
    const { code, json } = runCliJson<Report>(['--library', join(root, 'nowhere'), 'doctor'])
    expect(code).toBe(1)
    expect(find(json, 'library.open')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('castdesk init'),
    })
  })

  it('logs imports and errors with their codes, and never a secret from the environment', async () => {
    const secret = 'sEcReT-value-0123456789'
    const folder = makeDir(root, 'logged')
    await makeImage(join(folder, 'cover.png'), 'png')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(folder, `broken-${secret}.mp3`), 'not audio')
    runCli(['--library', library, 'import', folder], { CASTDESK_S3_BACKUP_SECRET_ACCESS_KEY: secret })
    const log = readFileSync(join(library, 'logs', 'castdesk.log'), 'utf8')
    expect(log).toContain('"event":"import.file"')
    expect(log).toContain('"code":"corrupt_media"')
    expect(log).not.toContain(secret)
    const shown = runCli(['--library', library, 'logs', '--level', 'warn'])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/WARN {2}import\.file .*code=corrupt_media/)
  })
})
