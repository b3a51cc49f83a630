import type { Db } from '../database'

export interface PosterFrame {
  /** The blob row of the poster JPEG (role 'poster'), already inserted. */
  blobId: number
  width: number
  height: number
  /** Where in the video the frame was taken. */
  seconds: number
}

/**
 * Writes of the link between a video and its poster image; callers wrap them in one transaction
 * with the blob and image rows.
 */
export class VideoPosterRepository {
  constructor(private readonly db: Db) {}

  link(videoId: number, imageId: number, seconds: number, now: string): void {
    this.db
      .prepare('INSERT INTO video_posters (video_id, image_id, seconds, created) VALUES (?, ?, ?, ?)')
      .run(videoId, imageId, seconds, now)
  }

  /** The poster image shows a new frame: new file, size and time; its focal point no longer applies. */
  replaceFrame(videoId: number, imageId: number, frame: PosterFrame, now: string): void {
    this.db
      .prepare(
        `UPDATE images SET blob_id = ?, width = ?, height = ?, format = 'jpeg', has_alpha = 0,
           focal_x = NULL, focal_y = NULL, focal_width = NULL, focal_height = NULL
         WHERE media_id = ?`,
      )
      .run(frame.blobId, frame.width, frame.height, imageId)
    this.db
      .prepare('UPDATE video_posters SET seconds = ? WHERE video_id = ? AND image_id = ?')
      .run(frame.seconds, videoId, imageId)
    this.db.prepare('UPDATE media SET modified = ? WHERE id IN (?, ?)').run(now, videoId, imageId)
  }

  /** Removes the row of a poster file no image points at any more. */
  deleteBlob(blobId: number): void {
    this.db.prepare(`DELETE FROM blobs WHERE id = ? AND role = 'poster'`).run(blobId)
  }

  setPosterSeconds(videoId: number, seconds: number, now: string): void {
    this.db.prepare('UPDATE videos SET poster_seconds = ? WHERE media_id = ?').run(seconds, videoId)
    this.db.prepare('UPDATE media SET modified = ? WHERE id = ?').run(now, videoId)
  }
}
