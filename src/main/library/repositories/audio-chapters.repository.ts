import type { Chapter } from '../../media/audio/chapters/chapter'
import type { Db } from '../database'

/** The chapter marks of an audio; callers check ownership first. */
export class AudioChaptersRepository {
  constructor(private readonly db: Db) {}

  list(audioId: number): Chapter[] {
    return this.db
      .prepare<[number], Chapter>(
        'SELECT start_ms AS startMs, title, link, image FROM chapter_marks WHERE audio_id = ? ORDER BY start_ms',
      )
      .all(audioId)
  }

  count(audioId: number): number {
    const row = this.db
      .prepare<[number], { n: number }>('SELECT count(*) AS n FROM chapter_marks WHERE audio_id = ?')
      .get(audioId)
    return row?.n ?? 0
  }

  /** The library images of the marks that have one, by start. */
  imageIds(audioId: number): Map<number, number> {
    const rows = this.db
      .prepare<[number], { startMs: number; imageId: number }>(
        'SELECT start_ms AS startMs, image_id AS imageId FROM chapter_marks WHERE audio_id = ? AND image_id IS NOT NULL',
      )
      .all(audioId)
    return new Map(rows.map((row) => [row.startMs, row.imageId]))
  }

  setImageId(audioId: number, startMs: number, imageId: number | null): void {
    this.db
      .prepare('UPDATE chapter_marks SET image_id = ? WHERE audio_id = ? AND start_ms = ?')
      .run(imageId, audioId, startMs)
  }

  /**
   * Replaces every mark of the audio; run inside the caller's transaction. A mark whose image URL
   * is one a mark had before keeps that mark's library image.
   */
  replace(audioId: number, chapters: readonly Chapter[]): void {
    const linked = new Map(
      this.db
        .prepare<[number], { image: string; imageId: number }>(
          'SELECT image, image_id AS imageId FROM chapter_marks WHERE audio_id = ? AND image IS NOT NULL AND image_id IS NOT NULL',
        )
        .all(audioId)
        .map((row) => [row.image, row.imageId]),
    )
    this.db.prepare('DELETE FROM chapter_marks WHERE audio_id = ?').run(audioId)
    const insert = this.db.prepare(
      'INSERT INTO chapter_marks (audio_id, start_ms, title, link, image, image_id) VALUES (?, ?, ?, ?, ?, ?)',
    )
    for (const chapter of chapters) {
      const imageId = chapter.image === null ? null : (linked.get(chapter.image) ?? null)
      insert.run(audioId, chapter.startMs, chapter.title, chapter.link, chapter.image, imageId)
    }
  }
}
