import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { CastdeskError } from '../../../shared/errors'
import type { Chapter } from '../../media/audio/chapters/chapter'
import type { Id3Picture } from '../../media/audio/chapters/id3-chapters'
import { localSource } from '../../media/audio/local-source'
import { coverJpeg } from '../../media/images/cover-jpeg'
import type { Storage } from '../../storage/storage'
import type { AudioRecord } from '../repositories/audio.repository'
import type {
  AudioEncodeContextRepository,
  EncodeContext,
} from '../repositories/audio-encode-context.repository'

/** Apple's largest podcast artwork. */
export const COVER_MAX_PX = 3000
/** Chapter pictures are shown small; this keeps a tag with many of them reasonable. */
export const CHAPTER_PICTURE_MAX_PX = 1000

export interface EncodeInputs {
  tags: Record<string, string>
  cover: { imageId: number; path: string } | null
  chapterPictures: Map<number, Id3Picture>
  cleanup(): Promise<void>
}

/**
 * Tags, the cover JPEG and chapter pictures of an encode, prepared in the staging folder: artist is
 * the podcast's author (else the user), album the podcast, track the number of the episode using
 * the Audio, year its publication year (else this year), genre Podcast.
 */
export async function prepareEncodeInputs(deps: {
  audio: AudioRecord
  ownerId: number
  context: EncodeContext
  lookups: AudioEncodeContextRepository
  storage: Storage
  stagingDir: string
  coverId: number | undefined
  chapters: readonly Chapter[]
  year: number
}): Promise<EncodeInputs> {
  const { audio, context } = deps
  const temp: string[] = []
  const cleanup = async () => {
    await Promise.all(temp.map((path) => rm(path, { force: true })))
  }
  try {
    const year = context.episodePublished ? Number(context.episodePublished.slice(0, 4)) : deps.year
    const tags: Record<string, string> = {
      title: audio.title,
      artist: context.podcastAuthor ?? context.ownerName,
      album: context.podcastTitle ?? audio.title,
      date: String(year),
      genre: 'Podcast',
    }
    if (audio.subtitle) tags.comment = audio.subtitle
    if (context.episodeNumber !== null) tags.track = String(context.episodeNumber)
    const coverId = deps.coverId ?? context.episodeCover ?? context.podcastCover
    let cover: EncodeInputs['cover'] = null
    if (coverId !== null && coverId !== undefined) {
      const key = deps.lookups.imageKey(deps.ownerId, coverId)
      if (!key) {
        throw new CastdeskError(
          'not_found',
          `There is no image ${coverId} in your library to use as the cover. "castdesk list --type image" shows the ids.`,
        )
      }
      const path = join(deps.stagingDir, `${process.pid}-${randomUUID()}.cover.jpg`)
      temp.push(path)
      await jpegOf(deps.storage, key, deps.stagingDir, path, COVER_MAX_PX)
      cover = { imageId: coverId, path }
    }
    const chapterPictures = new Map<number, Id3Picture>()
    for (const chapter of deps.chapters) {
      if (!chapter.image) continue
      const key = deps.lookups.imageKeyForUrl(deps.ownerId, chapter.image)
      if (!key) continue
      const path = join(deps.stagingDir, `${process.pid}-${randomUUID()}.chapter.jpg`)
      temp.push(path)
      await jpegOf(deps.storage, key, deps.stagingDir, path, CHAPTER_PICTURE_MAX_PX)
      chapterPictures.set(chapter.startMs, { mime: 'image/jpeg', data: await readFile(path) })
    }
    return { tags, cover, chapterPictures, cleanup }
  } catch (error) {
    await cleanup()
    throw error
  }
}

async function jpegOf(storage: Storage, key: string, stagingDir: string, output: string, max: number) {
  const local = await localSource(storage, key, stagingDir)
  try {
    await coverJpeg(local.path, output, max)
  } finally {
    await local.cleanup()
  }
}
