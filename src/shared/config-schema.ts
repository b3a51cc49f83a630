import { z } from 'zod'

/**
 * `castdesk.config.json`: every key is optional in the file and gets django-cast's default here.
 * Unknown keys are rejected so that a misspelt option never silently does nothing.
 * Nested defaults are functions: zod hands out a default value shallow-copied at most, so a nested
 * literal would be one object shared, and changed, by every config parsed.
 */

const MiB = 1024 * 1024

export const IMAGE_OUTPUT_FORMATS = ['jpeg', 'avif', 'webp', 'png'] as const

const slot = z.tuple([z.int().positive(), z.int().positive()])

const localStorageConfig = z
  .object({
    type: z.literal('local'),
    /** Folder for the files; relative paths are resolved against the library folder. */
    location: z.string().min(1),
    /** Base URL the files are published under, if any (e.g. https://example.org/media/). */
    publicBaseUrl: z.string().url().optional(),
  })
  .strict()

const s3StorageConfig = z
  .object({
    type: z.literal('s3'),
    bucket: z.string().min(3),
    prefix: z.string().default(''),
    endpoint: z.string().url().optional(),
    region: z.string().default('us-east-1'),
    forcePathStyle: z.boolean().default(false),
    publicBaseUrl: z.string().url().optional(),
    /** Files of at least this size are uploaded in parts, resumably (default 32 MiB). */
    multipartThresholdMiB: z.int().min(5).default(32),
    /** Size of one part (default 8 MiB; S3's minimum is 5); grows for files over 10,000 parts. */
    partSizeMiB: z.int().min(5).max(5120).default(8),
    /** Parts of one file uploaded at once (default 4). */
    partConcurrency: z.int().min(1).max(32).default(4),
    /** A request silent this long counts as stalled and is retried (default 60 s). */
    requestTimeoutSeconds: z.number().positive().max(3600).default(60),
    /** Attempts per request for 5xx, throttling, resets and stalls, with backoff and jitter (default 6). */
    maxAttempts: z.int().min(1).max(20).default(6),
  })
  .strict()

export const storageConfigSchema = z.discriminatedUnion('type', [localStorageConfig, s3StorageConfig])

export const uploadLimitsSchema = z
  .object({
    /** Largest image accepted, in bytes (default 100 MiB). */
    imageBytes: z
      .int()
      .positive()
      .default(100 * MiB),
    /** Largest audio file accepted (django-cast's CAST_AUDIO_UPLOAD_MAX_BYTES: 512 MiB). */
    audioBytes: z
      .int()
      .positive()
      .default(512 * MiB),
    /** Largest master recording accepted (WAV, FLAC, AIFF; default 16 GiB: ten hours of 48 kHz 24-bit stereo is 10 GiB). */
    masterBytes: z
      .int()
      .positive()
      .default(16 * 1024 * MiB),
    /** Largest video accepted (django-cast: 2 GiB). */
    videoBytes: z
      .int()
      .positive()
      .default(2048 * MiB),
    /** Largest generic file accepted (default 1 GiB). */
    fileBytes: z
      .int()
      .positive()
      .default(1024 * MiB),
  })
  .strict()

export const libraryBackupSchema = z
  .object({
    /** Storages that receive library snapshots besides one named `backup` (default: none more). */
    storages: z.array(z.string().regex(/^[a-z][a-z0-9_-]*$/)).default([]),
    /** Snapshots always kept, newest first (default 10). */
    keepLast: z.int().min(1).max(1000).default(10),
    /** Besides those, the newest snapshot of each of this many last days (default 30). */
    keepDays: z.int().min(0).max(3650).default(30),
    /** A snapshot after every media_backup or sync to a backup storage, and once a day while running. */
    automatic: z.boolean().default(true),
  })
  .strict()

export const feedImportSchema = z
  .object({
    /**
     * `castdesk serve` refuses feeds and downloads on loopback, private and link-local addresses
     * (a request from the network must not reach this machine's LAN); true allows them.
     */
    allowPrivateNetworks: z.boolean().default(false),
    /** Largest feed read, in bytes (default 50 MiB). */
    maxFeedBytes: z
      .int()
      .positive()
      .default(50 * MiB),
    /** A download that receives nothing for this long is abandoned (default 30 s). */
    stallSeconds: z.number().positive().max(3600).default(30),
  })
  .strict()
export const AUDIO_ENCODE_FORMATS = ['mp3', 'm4a', 'opus', 'oga'] as const

/** How `castdesk audio encode` makes episode files from a master (each option can be given per run). */
export const audioEncodingSchema = z
  .object({
    /** Formats made by default. */
    formats: z
      .array(z.enum(AUDIO_ENCODE_FORMATS))
      .min(1)
      .default((): (typeof AUDIO_ENCODE_FORMATS)[number][] => ['mp3', 'm4a']),
    /** Integrated loudness the files are normalized to, in LUFS (-16: Apple's and most platforms' podcast target). */
    targetLufs: z.number().min(-40).max(-6).default(-16),
    /** Highest true peak, in dBTP. */
    truePeakDbtp: z.number().min(-9).max(0).default(-1),
    /** MP3: constant bit rate in kb/s, sample rate in Hz. */
    mp3BitrateKbps: z.int().min(32).max(320).default(128),
    mp3SampleRate: z
      .union([z.literal(44100), z.literal(48000), z.literal(32000), z.literal(22050)])
      .default(44100),
    /** AAC (M4A) bit rate in kb/s. */
    aacBitrateKbps: z.int().min(32).max(320).default(128),
    /** Opus bit rate in kb/s. */
    opusBitrateKbps: z.int().min(16).max(256).default(64),
    /** Ogg Vorbis quality, -1 to 10. */
    vorbisQuality: z.number().min(-1).max(10).default(4),
    /** A mono master gives mono files (half the bit rate buys the same quality). */
    monoWhenMasterMono: z.boolean().default(true),
  })
  .strict()

export type AudioEncodingConfig = z.output<typeof audioEncodingSchema>

export const configSchema = z
  .object({
    /** The library's id (a UUID), written by `castdesk init`; the database and every storage marker carry it too. */
    libraryId: z.uuid().optional(),
    /** Formats every responsive rendition is made in (django-cast's CAST_IMAGE_FORMATS). */
    imageFormats: z.array(z.enum(IMAGE_OUTPUT_FORMATS)).min(1).default(['jpeg', 'avif']),
    /** Layout slots of a regular image, [width, height] (CAST_REGULAR_IMAGE_SLOT_DIMENSIONS). */
    regularSlots: z
      .array(slot)
      .min(1)
      .default((): [number, number][] => [[1110, 740]]),
    /** Gallery slots: [modal, thumbnail] (CAST_GALLERY_IMAGE_SLOT_DIMENSIONS). */
    gallerySlots: z
      .array(slot)
      .length(2)
      .default((): [number, number][] => [
        [1110, 740],
        [120, 80],
      ]),
    /** Convert gallery thumbnails to sRGB (CAST_GALLERY_THUMBNAIL_RENDITIONS_SRGB). */
    galleryThumbnailSrgb: z.boolean().default(true),
    /**
     * AVIF encoder effort, 0 (fast) to 9 (small files). 3 is libaom's speed 6, Pillow's default,
     * so renditions cost what Wagtail's do.
     */
    avifEffort: z.int().min(0).max(9).default(3),
    /** Named storages; `default` receives imports. */
    storages: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]*$/), storageConfigSchema, {
        error: (issue) =>
          issue.code === 'invalid_key'
            ? 'Invalid storage name: expected lower-case letters, digits, "_" or "-", starting with a letter (like "default" or "s3-backup")'
            : undefined,
      })
      .default(() => ({ default: { type: 'local' as const, location: 'media' } }))
      .refine((storages) => 'default' in storages, { message: 'a storage named "default" is required' }),
    uploadLimits: uploadLimitsSchema.default(() => uploadLimitsSchema.parse({}, { jitless: true })),
    /** `castdesk podcast import`: the safety limits of fetching a feed and its media. */
    feedImport: feedImportSchema.default(() => feedImportSchema.parse({}, { jitless: true })),
    /** `castdesk trash empty` deletes the files of trashed items; false keeps them (django-cast's DELETE_WAGTAIL_IMAGES). */
    deleteFilesOnTrashEmpty: z.boolean().default(true),
    /** Snapshots of the library database to the backup storages (`castdesk library backup`). */
    libraryBackup: libraryBackupSchema.default(() => libraryBackupSchema.parse({}, { jitless: true })),
    /** Days removed files stay in a storage's quarantine before `quarantine purge` (and removing commands) drop them. */
    quarantineDays: z.int().min(1).max(3650).default(30),
    /** A removing command refuses to remove more files than this without --max-delete. */
    maxDelete: z.int().min(0).default(100),
    /** ... or more than this fraction of the managed files at a storage. */
    maxDeleteFraction: z.number().min(0).max(1).default(0.25),
    audioEncoding: audioEncodingSchema.default(() => audioEncodingSchema.parse({}, { jitless: true })),
  })
  .strict()

export type CastdeskConfig = z.output<typeof configSchema>
export type FeedImportConfig = z.output<typeof feedImportSchema>
export type StorageConfig = z.output<typeof storageConfigSchema>
export type UploadLimits = z.output<typeof uploadLimitsSchema>
export type LibraryBackupConfig = z.output<typeof libraryBackupSchema>

export function defaultConfig(): CastdeskConfig {
  return configSchema.parse({})
}
