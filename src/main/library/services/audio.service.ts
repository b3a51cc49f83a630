import { CastdeskError } from '../../../shared/errors'
import type { AudioFileItem } from '../../../shared/media'
import type { Storage } from '../../storage/storage'
import { type Clock, isoNow } from '../clock'
import type { AudioFileRecord, AudioRecord, AudioRepository } from '../repositories/audio.repository'

/** Finding an owner's Audio, and its editable text. */
export class AudioService {
  constructor(
    private readonly audios: AudioRepository,
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  /** The owner's Audio, or not_found (another user's audio is not found either). */
  audio(ownerId: number, id: number): AudioRecord {
    const audio = this.audios.find(ownerId, id)
    if (!audio) {
      throw new CastdeskError(
        'not_found',
        `There is no audio ${id} in your library. "castdesk list --type audio" shows the ids.`,
      )
    }
    return audio
  }

  /** The owner of an audio (for hooks that know only its id), or null when it is gone. */
  ownerOf(id: number): number | null {
    return this.audios.ownerOf(id)
  }

  /** The Audio's first file in mp3, m4a, oga, opus order, or an error saying to add one. */
  firstFile(audio: AudioRecord): AudioFileRecord {
    const file = audio.files[0]
    if (!file) {
      throw new CastdeskError(
        'not_found',
        `Audio ${audio.id} has no file. Add one with "castdesk audio add-file ${audio.id} FILE".`,
      )
    }
    return file
  }

  update(ownerId: number, id: number, text: { title?: string; subtitle?: string }): AudioRecord {
    this.audio(ownerId, id)
    this.audios.updateText(ownerId, id, text, isoNow(this.clock))
    return this.audio(ownerId, id)
  }

  fileItem(file: AudioFileRecord): AudioFileItem {
    return {
      format: file.format,
      key: file.key,
      size: file.size,
      sha256: file.sha256,
      mime: file.mime,
      original_name: file.originalName,
      path: this.storage.localPath(file.key),
      loudness: file.loudness,
    }
  }
}
