import type { Db } from '../database'

/** What tags an Audio's encoded files: its podcast and the episode that uses it. */
export interface EncodeContext {
  podcastTitle: string | null
  podcastAuthor: string | null
  podcastCover: number | null
  episodeNumber: number | null
  episodePublished: string | null
  episodeCover: number | null
  ownerName: string
}

/** Read-only look-ups for encoding: tag sources, cover images and chapter images. */
export class AudioEncodeContextRepository {
  constructor(private readonly db: Db) {}

  context(ownerId: number, audioId: number): EncodeContext {
    const podcast = this.db
      .prepare<[number], { title: string; author: string | null; cover: number | null }>(
        'SELECT title, author, cover_image_id AS cover FROM podcasts WHERE owner_id = ?',
      )
      .get(ownerId)
    const episode = this.db
      .prepare<[number, number], { number: number | null; published: string | null; cover: number | null }>(
        `SELECT number, published, cover_image_id AS cover FROM episodes WHERE owner_id = ? AND audio_id = ?
         ORDER BY published IS NULL, published DESC, id DESC LIMIT 1`,
      )
      .get(ownerId, audioId)
    const owner = this.db
      .prepare<[number], { name: string }>('SELECT name FROM users WHERE id = ?')
      .get(ownerId)
    return {
      podcastTitle: podcast?.title ?? null,
      podcastAuthor: podcast?.author || null,
      podcastCover: podcast?.cover ?? null,
      episodeNumber: episode?.number ?? null,
      episodePublished: episode?.published ?? null,
      episodeCover: episode?.cover ?? null,
      ownerName: owner?.name ?? '',
    }
  }

  /** The storage key of the owner's image (its original), or null. */
  imageKey(ownerId: number, imageId: number): string | null {
    const row = this.db
      .prepare<[number, number], { key: string }>(
        `SELECT b.storage_key AS key FROM images i JOIN blobs b ON b.id = i.blob_id JOIN media m ON m.id = i.media_id
         WHERE i.media_id = ? AND m.owner_id = ?`,
      )
      .get(imageId, ownerId)
    return row?.key ?? null
  }

  /**
   * The key of the owner's library image a chapter image URL points at: its path ends with the
   * image's storage key (an original or a rendition), as every storage URL of that file does.
   */
  imageKeyForUrl(ownerId: number, url: string): string | null {
    let path: string
    try {
      path = decodeURIComponent(new URL(url).pathname)
    } catch {
      return null
    }
    const row = this.db
      .prepare<[number, string], { key: string }>(
        `SELECT b.storage_key AS key FROM blobs b JOIN media m ON m.id = b.media_id
         WHERE m.owner_id = ? AND m.type = 'image' AND b.role IN ('original', 'rendition')
           AND substr(?, -length(b.storage_key) - 1) = '/' || b.storage_key
         ORDER BY length(b.storage_key) DESC LIMIT 1`,
      )
      .get(ownerId, path)
    return row?.key ?? null
  }
}
