import { describe, expect, it } from 'vitest'
import { unpackedAsarPath } from '../../../src/main/media/tools/asar-path'

describe('unpackedAsarPath', () => {
  it.each([
    [
      '/Applications/Castdesk.app/Contents/Resources/app.asar/node_modules/@ffmpeg-installer/darwin-arm64/ffmpeg',
      '/Applications/Castdesk.app/Contents/Resources/app.asar.unpacked/node_modules/@ffmpeg-installer/darwin-arm64/ffmpeg',
    ],
    [
      'C:\\Program Files\\Castdesk\\resources\\app.asar\\node_modules\\@ffprobe-installer\\win32-x64\\ffprobe.exe',
      'C:\\Program Files\\Castdesk\\resources\\app.asar.unpacked\\node_modules\\@ffprobe-installer\\win32-x64\\ffprobe.exe',
    ],
  ])('moves %s out of the archive', (inside, outside) => {
    expect(unpackedAsarPath(inside)).toBe(outside)
  })

  it.each([
    '/work/castdesk/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    '/opt/Castdesk/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    '/home/ana/my.app.asar.notes/ffmpeg',
  ])('leaves %s alone', (path) => {
    expect(unpackedAsarPath(path)).toBe(path)
  })
})
