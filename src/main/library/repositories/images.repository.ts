import type { FocalPoint } from '../../../shared/media'
import type { Db } from '../database'

/** What rendition work needs of an image: its stored original, size, format and focal point. */
export interface ImageSource {
  id: number
  ownerId: number
  key: string
  originalName: string
  width: number
  height: number
  format: string
  hasAlpha: boolean
  altText: string
  focal: FocalPoint | null
}

interface SourceRow {
  id: number
  ownerId: number
  key: string
  originalName: string | null
  width: number
  height: number
  format: string
  hasAlpha: number
  altText: string
  fx: number | null
  fy: number | null
  fw: number | null
  fh: number | null
}

const SOURCE_SELECT = `SELECT i.media_id AS id, m.owner_id AS ownerId, b.storage_key AS key, b.original_name AS originalName,
    i.width, i.height, i.format, i.has_alpha AS hasAlpha, i.alt_text AS altText,
    i.focal_x AS fx, i.focal_y AS fy, i.focal_width AS fw, i.focal_height AS fh
  FROM images i JOIN media m ON m.id = i.media_id JOIN blobs b ON b.id = i.blob_id`

export class ImagesRepository {
  constructor(private readonly db: Db) {}

  source(ownerId: number, id: number): ImageSource | null {
    const row = this.db
      .prepare<[number, number], SourceRow>(`${SOURCE_SELECT} WHERE i.media_id = ? AND m.owner_id = ?`)
      .get(id, ownerId)
    return row ? toSource(row) : null
  }

  sources(ownerId: number): ImageSource[] {
    return this.db
      .prepare<[number], SourceRow>(`${SOURCE_SELECT} WHERE m.owner_id = ? ORDER BY i.media_id`)
      .all(ownerId)
      .map(toSource)
  }

  setFocalPoint(ownerId: number, id: number, focal: FocalPoint | null, now: string): boolean {
    const result = this.db
      .prepare(
        `UPDATE images SET focal_x = ?, focal_y = ?, focal_width = ?, focal_height = ?
         WHERE media_id = ? AND media_id IN (SELECT id FROM media WHERE owner_id = ?)`,
      )
      .run(focal?.x ?? null, focal?.y ?? null, focal?.width ?? null, focal?.height ?? null, id, ownerId)
    if (result.changes === 1) this.db.prepare('UPDATE media SET modified = ? WHERE id = ?').run(now, id)
    return result.changes === 1
  }
}

function toSource(row: SourceRow): ImageSource {
  const focal =
    row.fx === null || row.fy === null || row.fw === null || row.fh === null
      ? null
      : { x: row.fx, y: row.fy, width: row.fw, height: row.fh }
  return {
    id: row.id,
    ownerId: row.ownerId,
    key: row.key,
    originalName: row.originalName ?? row.key.slice(row.key.lastIndexOf('/') + 1),
    width: row.width,
    height: row.height,
    format: row.format,
    hasAlpha: row.hasAlpha === 1,
    altText: row.altText,
    focal,
  }
}
