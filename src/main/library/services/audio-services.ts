import type { CastdeskConfig } from '../../../shared/config-schema'
import type { JobsRepository } from '../../jobs/jobs.repository'
import type { Storage } from '../../storage/storage'
import type { Clock } from '../clock'
import type { Db } from '../database'
import { AudioRepository } from '../repositories/audio.repository'
import { AudioChaptersRepository } from '../repositories/audio-chapters.repository'
import { AudioEncodeContextRepository } from '../repositories/audio-encode-context.repository'
import { AudioLoudnessRepository } from '../repositories/audio-loudness.repository'
import { AudioPeaksRepository } from '../repositories/audio-peaks.repository'
import { AudioTranscriptsRepository } from '../repositories/audio-transcripts.repository'
import type { BlobsRepository } from '../repositories/blobs.repository'
import { withStatementCache } from '../statement-cache'
import { AudioService } from './audio.service'
import { AudioChapterWriterService } from './audio-chapter-writer.service'
import { AudioChaptersService } from './audio-chapters.service'
import { AudioEncodeService } from './audio-encode.service'
import { AudioFilesService } from './audio-files.service'
import { AudioLoudnessService } from './audio-loudness.service'
import { AudioPeaksService } from './audio-peaks.service'
import { AudioPlayerService } from './audio-player.service'
import { AudioTranscriptsService } from './audio-transcripts.service'

export interface AudioServices {
  audios: AudioService
  files: AudioFilesService
  chapters: AudioChaptersService
  chapterWriter: AudioChapterWriterService
  transcripts: AudioTranscriptsService
  player: AudioPlayerService
  peaks: AudioPeaksService
  loudness: AudioLoudnessService
  encoder: AudioEncodeService
}

export function createAudioServices(deps: {
  db: Db
  blobs: BlobsRepository
  jobs: JobsRepository
  storage: Storage
  config: CastdeskConfig
  clock: Clock
  stagingDir: string
  tool: (name: 'ffmpeg' | 'ffprobe') => string
  jobConcurrency: number
}): AudioServices {
  const { db, blobs, storage, clock, stagingDir } = deps
  const audioRows = new AudioRepository(withStatementCache(db))
  const chapterRows = new AudioChaptersRepository(db)
  const transcriptRows = new AudioTranscriptsRepository(db)
  const audios = new AudioService(audioRows, storage, clock)
  const ffprobePath = () => deps.tool('ffprobe')
  const peaks = new AudioPeaksService({
    audios,
    peaks: new AudioPeaksRepository(db),
    jobs: deps.jobs,
    storage,
    clock,
    stagingDir,
    ffmpegPath: () => deps.tool('ffmpeg'),
  })
  const loudnessRows = new AudioLoudnessRepository(db)
  const tools = () => ({ ffmpeg: deps.tool('ffmpeg'), ffprobe: deps.tool('ffprobe') })
  const loudness = new AudioLoudnessService({
    audios,
    loudness: loudnessRows,
    jobs: deps.jobs,
    storage,
    clock,
    stagingDir,
    ffmpegPath: () => deps.tool('ffmpeg'),
    targetLufs: () => deps.config.audioEncoding.targetLufs,
  })
  const chapters = new AudioChaptersService({
    db,
    audios,
    audioRows,
    chapters: chapterRows,
    storage,
    clock,
    stagingDir,
    ffprobePath,
  })
  const encoder = new AudioEncodeService({
    db,
    audios,
    audioRows,
    blobs,
    chapters,
    loudness,
    loudnessRows,
    peaks,
    lookups: new AudioEncodeContextRepository(db),
    jobs: deps.jobs,
    storage,
    clock,
    stagingDir,
    config: deps.config.audioEncoding,
    concurrency: deps.jobConcurrency,
    tools,
  })
  return {
    audios,
    files: new AudioFilesService({
      db,
      audios,
      audioRows,
      chapters: chapterRows,
      blobs,
      storage,
      clock,
      limits: deps.config.uploadLimits,
      stagingDir,
      ffprobePath,
      afterChange: (ownerId, id) => {
        peaks.enqueue(ownerId, id)
        loudness.enqueue(ownerId, id)
      },
    }),
    chapters,
    chapterWriter: new AudioChapterWriterService({
      db,
      audios,
      audioRows,
      blobs,
      chapters,
      storage,
      clock,
      stagingDir,
      tools,
    }),
    transcripts: new AudioTranscriptsService({
      db,
      audios,
      audioRows,
      transcripts: transcriptRows,
      blobs,
      storage,
      clock,
    }),
    player: new AudioPlayerService(audios, chapterRows, transcriptRows, storage),
    peaks,
    loudness,
    encoder,
  }
}
