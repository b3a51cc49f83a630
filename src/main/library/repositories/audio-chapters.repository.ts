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

  /** Replaces every mark of the audio; run inside the caller's transaction. */
  replace(audioId: number, chapters: readonly Chapter[]): void {
    this.db.prepare('DELETE FROM chapter_marks WHERE audio_id = ?').run(audioId)
    const insert = this.db.prepare(
      'INSERT INTO chapter_marks (audio_id, start_ms, title, link, image) VALUES (?, ?, ?, ?, ?)',
    )
    for (const chapter of chapters) {
      insert.run(audioId, chapter.startMs, chapter.title, chapter.link, chapter.image)
    }
  }
}
