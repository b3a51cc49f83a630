import type { PodlovePlayerData } from '../../../shared/api/audio.api'
import { buildPodloveEpisode } from '../../media/audio/player/podlove-episode'
import type { Storage } from '../../storage/storage'
import type { AudioChaptersRepository } from '../repositories/audio-chapters.repository'
import type { AudioTranscriptsRepository } from '../repositories/audio-transcripts.repository'
import type { AudioService } from './audio.service'

/** Podlove Web Player 5 episode data of an Audio: its files, chapters, transcript and speakers. */
export class AudioPlayerService {
  constructor(
    private readonly audios: AudioService,
    private readonly chapters: AudioChaptersRepository,
    private readonly transcripts: AudioTranscriptsRepository,
    private readonly storage: Storage,
  ) {}

  player(ownerId: number, id: number, mediaBaseUrl?: string): PodlovePlayerData {
    const audio = this.audios.audio(ownerId, id)
    this.audios.firstFile(audio)
    const urlOf = (key: string) =>
      mediaBaseUrl
        ? new URL(key.split('/').map(encodeURIComponent).join('/'), withSlash(mediaBaseUrl)).toString()
        : this.storage.url(key)
    return buildPodloveEpisode({
      title: audio.title,
      subtitle: audio.subtitle,
      durationMs: audio.durationMs ?? 0,
      files: audio.files.map((file) => ({ format: file.format, url: urlOf(file.key), size: file.size })),
      chapters: this.chapters.list(audio.id),
      cues: this.transcripts.cues(audio.id),
    })
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
