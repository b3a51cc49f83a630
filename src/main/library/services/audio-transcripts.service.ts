import type { ExportedText, TranscriptFileFormat, TranscriptInfo } from '../../../shared/api/audio.api'
import { CastdeskError } from '../../../shared/errors'
import {
  type Cue,
  parseTranscript,
  type TranscriptFormat,
  transcriptCodecs,
} from '../../media/audio/transcripts'
import type { Storage } from '../../storage/storage'
import { KEY_PREFIX, safeStem } from '../../storage/storage-keys'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type { AudioRepository } from '../repositories/audio.repository'
import type { AudioTranscriptsRepository } from '../repositories/audio-transcripts.repository'
import type { BlobsRepository } from '../repositories/blobs.repository'
import type { AudioService } from './audio.service'
import { decodeUtf8, type ImportSource, readImportSource } from './audio-import-source'
import { reserveFreeKey, withSuffix } from './key-reservation'

export interface AudioTranscriptsDeps {
  db: Db
  audios: AudioService
  audioRows: AudioRepository
  transcripts: AudioTranscriptsRepository
  blobs: BlobsRepository
  storage: Storage
  clock: Clock
}

const CODEC_FORMAT: Record<TranscriptFileFormat, TranscriptFormat> = {
  vtt: 'webvtt',
  srt: 'srt',
  podlove: 'podlove-json',
  dote: 'dote',
  podcasting2: 'podcasting2-json',
}
const FILE_FORMAT = Object.fromEntries(Object.entries(CODEC_FORMAT).map(([k, v]) => [v, k])) as Record<
  TranscriptFormat,
  TranscriptFileFormat
>

const FILE_TYPE: Record<TranscriptFileFormat, { mime: string; extension: string }> = {
  vtt: { mime: 'text/vtt', extension: 'vtt' },
  srt: { mime: 'application/x-subrip', extension: 'srt' },
  podlove: { mime: 'application/json', extension: 'json' },
  dote: { mime: 'application/json', extension: 'json' },
  podcasting2: { mime: 'application/json', extension: 'json' },
}

/** Word-level transcripts of a long episode are big; this is far above any real one. */
const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024

/**
 * One transcript per Audio: the uploaded file kept byte for byte under `cast_transcript/`, plus the
 * normalised cue list (start, end, speaker, text) every export and the player are made from.
 */
export class AudioTranscriptsService {
  constructor(private readonly deps: AudioTranscriptsDeps) {}

  show(ownerId: number, id: number): TranscriptInfo {
    this.deps.audios.audio(ownerId, id)
    const record = this.deps.transcripts.find(id)
    const cues = record ? this.deps.transcripts.cues(id) : []
    return {
      id,
      format: record?.format ? FILE_FORMAT[record.format] : null,
      file: record?.file
        ? {
            key: record.file.key,
            size: record.file.size,
            sha256: record.file.sha256,
            mime: record.file.mime,
            original_name: record.file.originalName,
            path: this.deps.storage.localPath(record.file.key),
          }
        : null,
      cues: cues.length,
      speakers: speakersOf(cues),
      modified: record?.modified ?? null,
    }
  }

  async importTranscript(
    ownerId: number,
    id: number,
    source: ImportSource,
    format?: TranscriptFileFormat,
  ): Promise<TranscriptInfo> {
    const { deps } = this
    const audio = deps.audios.audio(ownerId, id)
    const upload = await readImportSource(source, {
      label: 'transcript',
      code: 'invalid_transcript',
      maxBytes: MAX_TRANSCRIPT_BYTES,
    })
    const label = upload.name ?? 'The transcript'
    const parsed = parseTranscript(
      decodeUtf8(upload.bytes, label, 'invalid_transcript'),
      format ? CODEC_FORMAT[format] : undefined,
    )
    if (parsed.cues.length === 0) {
      throw new CastdeskError(
        'invalid_transcript',
        `${label} has no cues. Export the transcript again with its text.`,
      )
    }
    const fileFormat = FILE_FORMAT[parsed.format]
    const stem = safeStem((upload.name ?? audio.title).replace(/\.[^.]*$/, ''))
    const preferred = `${KEY_PREFIX.transcript}${stem}.${FILE_TYPE[fileFormat].extension}`
    const key = await reserveFreeKey(
      deps.blobs,
      deps.storage,
      (s) => withSuffix(preferred, s),
      isoNow(deps.clock),
    )
    let replacedKeys: string[]
    try {
      const stored = await deps.storage.put(key, upload.bytes)
      replacedKeys = deps.db.transaction(() => {
        const now = isoNow(deps.clock)
        const blobId = deps.blobs.insert(
          {
            key,
            size: stored.size,
            sha256: stored.sha256,
            mime: FILE_TYPE[fileFormat].mime,
            ownerId,
            mediaId: id,
            role: 'transcript',
            originalName: upload.name,
          },
          now,
        )
        const old = deps.transcripts.replace(id, { format: parsed.format, blobId }, parsed.cues, now)
        deps.audioRows.touch(id, now)
        deps.blobs.releaseKey(key)
        return old
      })()
    } catch (error) {
      await deps.storage.delete(key).catch(() => undefined)
      deps.blobs.releaseKey(key)
      throw error
    }
    for (const old of replacedKeys) await deps.storage.delete(old)
    return this.show(ownerId, id)
  }

  export(ownerId: number, id: number, format: TranscriptFileFormat): ExportedText {
    this.deps.audios.audio(ownerId, id)
    if (!this.deps.transcripts.find(id)) {
      throw new CastdeskError(
        'not_found',
        `Audio ${id} has no transcript. Import one with "castdesk audio transcript ${id} --import FILE".`,
      )
    }
    const text = transcriptCodecs[CODEC_FORMAT[format]].serialize(this.deps.transcripts.cues(id))
    return { id, format, ...FILE_TYPE[format], text }
  }
}

function speakersOf(cues: readonly Cue[]): string[] {
  return [...new Set(cues.map((cue) => cue.speaker).filter((speaker) => speaker !== ''))]
}
