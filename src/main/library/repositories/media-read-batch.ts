import type { Db } from '../database'

/** The ids of one batch as one bound JSON parameter, read back with `json_each`. */
export const IN_BATCH = '(SELECT value FROM json_each(?))'

/**
 * Runs one query for a whole batch of ids (bound once as JSON) and groups its rows by `ownerKey`:
 * a page of items costs a handful of queries, never a few per item.
 */
export function groupedRows<Row>(
  db: Db,
  sql: string,
  ids: readonly number[],
  ownerKey: keyof Row,
): Map<number, Row[]> {
  const groups = new Map<number, Row[]>()
  if (ids.length === 0) return groups
  for (const row of db.prepare<[string], Row>(sql).all(JSON.stringify(ids))) {
    const id = row[ownerKey] as number
    const group = groups.get(id)
    if (group) group.push(row)
    else groups.set(id, [row])
  }
  return groups
}

/** Like `groupedRows` for queries with at most one row per id. */
export function rowsById<Row>(
  db: Db,
  sql: string,
  ids: readonly number[],
  ownerKey: keyof Row,
): Map<number, Row> {
  const byId = new Map<number, Row>()
  if (ids.length === 0) return byId
  for (const row of db.prepare<[string], Row>(sql).all(JSON.stringify(ids)))
    byId.set(row[ownerKey] as number, row)
  return byId
}
