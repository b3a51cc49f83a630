import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CONFIG_FILE_NAME,
  readConfig,
  writeDefaultConfigIfMissing,
} from '../../../src/main/library/config-file'
import { configSchema, defaultConfig } from '../../../src/shared/config-schema'
import { CastdeskError } from '../../../src/shared/errors'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-config-')
const MiB = 1024 * 1024

/** django-cast's defaults (cast/appsettings.py) plus Castdesk's own storage and limits. */
const DEFAULTS = {
  imageFormats: ['jpeg', 'avif'],
  regularSlots: [[1110, 740]],
  gallerySlots: [
    [1110, 740],
    [120, 80],
  ],
  galleryThumbnailSrgb: true,
  avifEffort: 3,
  storages: { default: { type: 'local', location: 'media' } },
  uploadLimits: {
    imageBytes: 100 * MiB,
    // django-cast: CAST_AUDIO_UPLOAD_MAX_BYTES = 512 MiB, CAST_VIDEO_UPLOAD_MAX_BYTES = 2 GiB
    audioBytes: 512 * MiB,
    videoBytes: 2048 * MiB,
    fileBytes: 1024 * MiB,
    // ten hours of 48 kHz 24-bit stereo WAV fit
    masterBytes: 16 * 1024 * MiB,
  },
  // django-cast's DELETE_WAGTAIL_IMAGES
  deleteFilesOnTrashEmpty: true,
  libraryBackup: { storages: [], keepLast: 10, keepDays: 30, automatic: true },
  // removals go into a quarantine kept this long, and large ones need --max-delete
  quarantineDays: 30,
  maxDelete: 100,
  maxDeleteFraction: 0.25,
  feedImport: { allowPrivateNetworks: false, maxFeedBytes: 50 * MiB, stallSeconds: 30 },
  // Castdesk's own: episode files made from a master (Apple's podcast loudness target)
  audioEncoding: {
    formats: ['mp3', 'm4a'],
    targetLufs: -16,
    truePeakDbtp: -1,
    mp3BitrateKbps: 128,
    mp3SampleRate: 44100,
    aacBitrateKbps: 128,
    opusBitrateKbps: 64,
    vorbisQuality: 4,
    monoWhenMasterMono: true,
  },
}

function libraryWithConfig(text: string): { dir: string; path: string } {
  const dir = dirs.make()
  const path = join(dir, CONFIG_FILE_NAME)
  writeFileSync(path, text)
  return { dir, path }
}

function configError(config: unknown): { code: string; message: string; path: string } {
  const { dir, path } = libraryWithConfig(typeof config === 'string' ? config : JSON.stringify(config))
  try {
    readConfig(dir)
  } catch (error) {
    expect(error).toBeInstanceOf(CastdeskError)
    return { code: (error as CastdeskError).code, message: (error as CastdeskError).message, path }
  }
  throw new Error(`expected ${JSON.stringify(config)} to be refused`)
}

describe('defaults', () => {
  it("equal django-cast's, with a local default storage at media/", () => {
    expect(defaultConfig()).toEqual(DEFAULTS)
  })

  it('apply when the config file is missing', () => {
    expect(readConfig(dirs.make())).toEqual(DEFAULTS)
  })

  it('apply to every key an empty file object leaves out', () => {
    const { dir } = libraryWithConfig('{}')
    expect(readConfig(dir)).toEqual(DEFAULTS)
  })

  it('fill the keys a partial config leaves out, also inside uploadLimits', () => {
    const { dir } = libraryWithConfig(
      JSON.stringify({ imageFormats: ['webp'], uploadLimits: { audioBytes: 1000 } }),
    )
    expect(readConfig(dir)).toEqual({
      ...DEFAULTS,
      imageFormats: ['webp'],
      uploadLimits: { ...DEFAULTS.uploadLimits, audioBytes: 1000 },
    })
  })

  it('are fresh objects: changing one result does not change the next', () => {
    const first = defaultConfig()
    first.imageFormats.push('png')
    first.regularSlots[0]?.splice(0, 1, 1)
    first.gallerySlots[1]?.splice(0, 1, 2)
    first.storages.default = { type: 'local', location: 'elsewhere' }
    Object.assign(first.uploadLimits, { fileBytes: 1 })
    expect(defaultConfig()).toEqual(DEFAULTS)
  })

  it('are what writeDefaultConfigIfMissing writes, and an existing file is kept', () => {
    const dir = dirs.make()
    writeDefaultConfigIfMissing(dir)
    const path = join(dir, CONFIG_FILE_NAME)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(DEFAULTS)
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true)
    writeFileSync(path, '{"avifEffort": 9}')
    writeDefaultConfigIfMissing(dir)
    expect(readFileSync(path, 'utf8')).toBe('{"avifEffort": 9}')
    expect(readConfig(dir).avifEffort).toBe(9)
  })

  it('accept a full config that sets every key', () => {
    const full = {
      imageFormats: ['png', 'webp'],
      regularSlots: [
        [800, 600],
        [400, 300],
      ],
      gallerySlots: [
        [1000, 500],
        [100, 50],
      ],
      galleryThumbnailSrgb: false,
      avifEffort: 0,
      storages: {
        default: { type: 'local', location: '/srv/media', publicBaseUrl: 'https://example.org/media/' },
        backup: {
          type: 's3',
          bucket: 'my-bucket',
          prefix: 'cast/',
          region: 'eu-central-1',
          forcePathStyle: true,
        },
      },
      uploadLimits: { imageBytes: 1, audioBytes: 2, videoBytes: 3, fileBytes: 4, masterBytes: 5 },
      deleteFilesOnTrashEmpty: false,
      libraryBackup: { storages: ['backup'], keepLast: 3, keepDays: 7, automatic: false },
      quarantineDays: 7,
      maxDelete: 10,
      maxDeleteFraction: 0.5,
      feedImport: { allowPrivateNetworks: true, maxFeedBytes: 1000, stallSeconds: 5 },
      audioEncoding: {
        formats: ['opus'],
        targetLufs: -19,
        truePeakDbtp: -2,
        mp3BitrateKbps: 96,
        mp3SampleRate: 48000,
        aacBitrateKbps: 96,
        opusBitrateKbps: 48,
        vorbisQuality: 3,
        monoWhenMasterMono: false,
      },
    }
    const { dir } = libraryWithConfig(JSON.stringify(full))
    const config = readConfig(dir)
    // the S3 storage gets defaults of its own for what it leaves out
    expect(config).toMatchObject(full)
    expect(Object.keys(config).sort()).toEqual(Object.keys(full).sort())
  })
})

describe('refused configs: invalid_config naming the key path and what is expected', () => {
  it('an unknown (misspelt) top-level key', () => {
    const { code, message, path } = configError({ imageFormat: ['jpeg'] })
    expect(code).toBe('invalid_config')
    expect(message).toBe(`${path}: (top level): Unrecognized key: "imageFormat"`)
  })

  it('an unknown key inside uploadLimits and inside a storage', () => {
    expect(configError({ uploadLimits: { audio: 5 } }).message).toMatch(
      /: uploadLimits: Unrecognized key: "audio"$/,
    )
    expect(
      configError({ storages: { default: { type: 'local', location: 'media', root: '/x' } } }).message,
    ).toMatch(/: storages\.default: Unrecognized key: "root"$/)
  })

  it('an image format that does not exist, by index', () => {
    const { code, message, path } = configError({ imageFormats: ['jpeg', 'gif'] })
    expect(code).toBe('invalid_config')
    expect(message).toBe(
      `${path}: imageFormats[1]: Invalid option: expected one of "jpeg"|"avif"|"webp"|"png"`,
    )
  })

  it('a slot size that is not a positive integer, by both indexes', () => {
    expect(
      configError({
        gallerySlots: [
          [1110, 740],
          [120, 0],
        ],
      }).message,
    ).toMatch(/: gallerySlots\[1\]\[1\]: Too small: expected number to be >0$/)
    expect(configError({ regularSlots: [[1110.5, 740]] }).message).toMatch(
      /: regularSlots\[0\]\[0\]: Invalid input: expected int, received number$/,
    )
  })

  it('gallery slots that are not exactly [modal, thumbnail]', () => {
    expect(configError({ gallerySlots: [[1110, 740]] }).message).toMatch(
      /: gallerySlots: Too small: expected array to have exactly 2 items$/,
    )
  })

  it('an empty list of image formats', () => {
    expect(configError({ imageFormats: [] }).message).toMatch(
      /: imageFormats: Too small: expected array to have >=1 items$/,
    )
  })

  it('a value of the wrong type', () => {
    expect(configError({ galleryThumbnailSrgb: 'yes' }).message).toMatch(
      /: galleryThumbnailSrgb: Invalid input: expected boolean, received string$/,
    )
    expect(configError({ avifEffort: 10 }).message).toMatch(
      /: avifEffort: Too big: expected number to be <=9$/,
    )
    expect(configError({ uploadLimits: { videoBytes: -1 } }).message).toMatch(
      /: uploadLimits\.videoBytes: Too small: expected number to be >0$/,
    )
  })

  it('storages without a "default" one', () => {
    expect(configError({ storages: { backup: { type: 'local', location: 'b' } } }).message).toMatch(
      /: storages: a storage named "default" is required$/,
    )
  })

  it('a storage name that is not lower-case', () => {
    expect(
      configError({
        storages: { default: { type: 'local', location: 'm' }, Backup: { type: 'local', location: 'b' } },
      }).message,
    ).toMatch(
      /: storages\.Backup: Invalid storage name: expected lower-case letters, digits, "_" or "-", starting with a letter \(like "default" or "s3-backup"\)$/,
    )
  })

  it('a bad storage type and a bad URL', () => {
    expect(configError({ storages: { default: { type: 'ftp', location: 'm' } } }).message).toMatch(
      /: storages\.default\.type: Invalid discriminator value\. Expected 'local' \| 's3'$/,
    )
    expect(
      configError({ storages: { default: { type: 'local', location: 'm', publicBaseUrl: 'not a url' } } })
        .message,
    ).toMatch(/: storages\.default\.publicBaseUrl: Invalid URL$/)
  })

  it('every problem at once, separated by "; "', () => {
    const { message, path } = configError({ avifEffort: -1, imageFormats: ['bmp'], colour: 'red' })
    expect(message).toBe(
      `${path}: imageFormats[0]: Invalid option: expected one of "jpeg"|"avif"|"webp"|"png"; avifEffort: Too small: expected number to be >=0; (top level): Unrecognized key: "colour"`,
    )
  })

  it('JSON that is not an object', () => {
    expect(configError('null').message).toMatch(
      /: \(top level\): Invalid input: expected object, received null$/,
    )
    expect(configError('["jpeg"]').message).toMatch(
      /: \(top level\): Invalid input: expected object, received array$/,
    )
  })

  it('a "__proto__" key is refused as unknown, not merged into the config', () => {
    const { message } = configError('{"__proto__": {"avifEffort": 1}}')
    expect(message).toMatch(/: \(top level\): Unrecognized key: "__proto__"$/)
  })
})

describe('invalid JSON', () => {
  it('names the file, the parser error and what to do', () => {
    const { code, message, path } = configError('{ "imageFormats": ["jpeg",] }')
    expect(code).toBe('invalid_config')
    expect(message.startsWith(`${path} is not valid JSON (`)).toBe(true)
    expect(message).toMatch(/JSON/)
    expect(message.endsWith('). Fix the file or delete it to get the defaults back.')).toBe(true)
  })

  it('an empty file is invalid JSON too, not "all defaults"', () => {
    const { code, message } = configError('')
    expect(code).toBe('invalid_config')
    expect(message).toContain('is not valid JSON (Unexpected end of JSON input)')
  })
})

describe('the schema itself', () => {
  it('rejects unknown keys rather than dropping them', () => {
    const parsed = configSchema.safeParse({ imageFormats: ['jpeg'], extra: true })
    expect(parsed.success).toBe(false)
  })
})
