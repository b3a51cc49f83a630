/** The first 100 bytes of every SQLite database file (https://www.sqlite.org/fileformat.html). */
export const SQLITE_HEADER_BYTES = 100
const MAGIC = 'SQLite format 3\0'

export interface SqliteHeader {
  pageSize: number
  /** Pages the header says the file has; null when that count is not known to be current. */
  pageCount: number | null
  userVersion: number
}

/** The header's facts, or null when the bytes are not the start of an SQLite database. */
export function parseSqliteHeader(bytes: Uint8Array): SqliteHeader | null {
  if (bytes.length < SQLITE_HEADER_BYTES) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return null
  const raw = view.getUint16(16)
  const pageSize = raw === 1 ? 65_536 : raw
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return null
  const changeCounter = view.getUint32(24)
  const validFor = view.getUint32(92)
  const count = view.getUint32(28)
  return {
    pageSize,
    pageCount: count > 0 && changeCounter === validFor ? count : null,
    userVersion: view.getInt32(60),
  }
}
