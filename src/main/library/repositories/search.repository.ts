import type { SearchHit, SearchMatch } from '../../../shared/api/search.api'
import type { MediaType } from '../../../shared/media'
import type { Db } from '../database'

export interface SearchFilter {
  type?: MediaType
  limit: number
}

interface HitRow {
  id: number
  type: MediaType
  title: string
  snippet: string
  match: SearchMatch
  startMs: number | null
}

interface SearchParameters {
  owner: number
  query: string
  type: MediaType | null
  perItem: number
  limit: number
}

/** Hits per item at most: its own fields, then its best chapter and transcript hits. */
const HITS_PER_ITEM = 5

// bm25 weights of media_fts's columns: title, subtitle, tags, alt text, file names (django-cast
// boosts the title 10). Chapter and transcript hits count somewhat less than the item's own fields.
const ITEM_RANK = 'bm25(media_fts, 10.0, 5.0, 5.0, 3.0, 2.0)'
const CHAPTER_FACTOR = 0.8
const CUE_FACTOR = 0.6
const SNIPPET = (table: string, column: number) => `snippet(${table}, ${column}, '**', '**', '…', 12)`

/**
 * FTS5 search over the indexes kept by migration 0060's triggers, scoped to one owner, without
 * trashed items. Each index row is joined back to its source, so a stale row is never returned.
 */
export class SearchRepository {
  constructor(private readonly db: Db) {}

  /** `ftsQuery` must come from toFtsQuery (quoted words), never from user input as is. */
  search(ownerId: number, ftsQuery: string, filter: SearchFilter): SearchHit[] {
    // Each index is narrowed to the owner's items before a snippet is made: other users' hits cost
    // nothing (snippets are computed only for rows that pass the WHERE).
    const rows = this.db
      .prepare<[SearchParameters], HitRow>(
        `WITH mine AS (SELECT id FROM media WHERE owner_id = @owner),
         hits AS (
           SELECT f.rowid AS mediaId, 'item' AS match, NULL AS startMs,
                  ${SNIPPET('media_fts', -1)} AS snippet, ${ITEM_RANK} AS score
           FROM media_fts f WHERE media_fts MATCH @query AND f.rowid IN mine
           UNION ALL
           SELECT c.audio_id, 'chapter', c.start_ms, ${SNIPPET('chapter_fts', 0)},
                  bm25(chapter_fts) * ${CHAPTER_FACTOR}
           FROM chapter_fts JOIN chapter_marks c ON c.id = chapter_fts.rowid
           WHERE chapter_fts MATCH @query AND c.audio_id IN mine
           UNION ALL
           SELECT q.audio_id, 'transcript', q.start_ms, ${SNIPPET('cue_fts', 0)},
                  bm25(cue_fts) * ${CUE_FACTOR}
           FROM cue_fts JOIN transcript_cues q
             ON q.audio_id = cue_fts.audio_id AND q.position = cue_fts.position
           WHERE cue_fts MATCH @query AND cue_fts.audio_id IN mine
         ),
         owned AS (
           SELECT h.*, m.type, m.title,
                  row_number() OVER (PARTITION BY h.mediaId ORDER BY h.score, h.startMs) AS n
           FROM hits h JOIN media m ON m.id = h.mediaId
           WHERE m.owner_id = @owner AND (@type IS NULL OR m.type = @type)
             AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)
             AND NOT EXISTS (SELECT 1 FROM video_posters p WHERE p.image_id = m.id)
         )
         SELECT mediaId AS id, type, title, snippet, match, startMs FROM owned
         WHERE n <= @perItem ORDER BY score, id DESC, startMs LIMIT @limit`,
      )
      .all({
        owner: ownerId,
        query: ftsQuery,
        type: filter.type ?? null,
        perItem: HITS_PER_ITEM,
        limit: filter.limit,
      })
    return rows.map(({ startMs, ...hit }) => (startMs === null ? hit : { ...hit, start_ms: startMs }))
  }
}
