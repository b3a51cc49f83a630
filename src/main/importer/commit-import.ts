import type { MediaType } from '../../shared/media'
import type { Db } from '../library/database'
import type { BlobsRepository } from '../library/repositories/blobs.repository'
import type { MediaWriteRepository } from '../library/repositories/media-write.repository'
import type { SearchIndexRepository } from '../library/repositories/search-index.repository'
import type { Probed } from './probe-staged'

export interface CommitInput {
  ownerId: number
  probed: Probed
  key: string
  size: number
  sha256: string
  originalName: string
  title: string
  /** Lower-cased base name: audio formats sharing it become one Audio. */
  groupKey: string
  now: string
}

export interface CommitRepositories {
  db: Db
  blobs: BlobsRepository
  media: MediaWriteRepository
  searchIndex: SearchIndexRepository
}

/**
 * Writes every row of one imported file in one transaction and releases its key reservation.
 * IMMEDIATE: the audio case reads before it writes, and a deferred transaction that reads first
 * fails at once with SQLITE_BUSY (no busy_timeout wait) when another process wrote in between.
 */
export function commitImport(repos: CommitRepositories, input: CommitInput): { id: number; type: MediaType } {
  return repos.db
    .transaction(() => {
      const result = writeRows(repos, input)
      repos.blobs.releaseKey(input.key)
      return result
    })
    .immediate()
}

function writeRows(repos: CommitRepositories, input: CommitInput): { id: number; type: MediaType } {
  const { probed, ownerId, now } = input
  const blob = (mediaId: number) =>
    repos.blobs.insert(
      {
        key: input.key,
        size: input.size,
        sha256: input.sha256,
        mime: probed.mime,
        ownerId,
        mediaId,
        role: 'original',
        originalName: input.originalName,
      },
      now,
    )
  switch (probed.type) {
    case 'image': {
      const id = repos.media.insertMedia(ownerId, 'image', input.title, now)
      repos.media.insertImage(id, blob(id), probed.image)
      return { id, type: 'image' }
    }
    case 'audio': {
      let id = repos.media.findAudioToJoin(ownerId, input.groupKey, probed.format)
      if (id === null) {
        id = repos.media.insertMedia(ownerId, 'audio', input.title, now)
        repos.media.insertAudio(id, input.groupKey, probed.audio.durationMs)
      } else {
        repos.media.setAudioDurationIfMissing(id, probed.audio.durationMs)
        repos.media.touch(id, now)
      }
      repos.media.insertAudioFile(id, probed.format, blob(id))
      repos.media.insertChaptersIfNone(id, probed.audio.chapters)
      return { id, type: 'audio' }
    }
    case 'master': {
      let id = repos.media.findAudioToJoinMaster(ownerId, input.groupKey)
      if (id === null) {
        id = repos.media.insertMedia(ownerId, 'audio', input.title, now)
        repos.media.insertAudio(id, input.groupKey, probed.master.durationMs)
      } else {
        repos.media.setAudioDurationIfMissing(id, probed.master.durationMs)
        repos.media.touch(id, now)
      }
      repos.media.insertMaster(id, blob(id), { format: probed.format, ...probed.master })
      return { id, type: 'audio' }
    }
    case 'video': {
      const id = repos.media.insertMedia(ownerId, 'video', input.title, now)
      repos.media.insertVideo(id, blob(id), { ...probed.video, mime: probed.mime })
      return { id, type: 'video' }
    }
    case 'file': {
      const id = repos.media.insertMedia(ownerId, 'file', input.title, now)
      repos.media.insertFile(id, blob(id), probed.mime)
      return { id, type: 'file' }
    }
  }
}
