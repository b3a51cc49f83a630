/**
 * Turns what a person typed into an FTS5 query that cannot fail to parse: every word becomes a
 * quoted string (so `"`, `*`, `-`, `:`, `(`, `NEAR`, `AND`, `OR`, `NOT` are plain text), the words
 * are ANDed, and the last one matches as a prefix (search as you type). Null when nothing is left
 * to search for (only punctuation, say). Pure: no I/O.
 */

/** Words of the query that are searched; more are ignored (each costs an index lookup). */
export const MAX_QUERY_WORDS = 16

// unicode61 keeps letters, digits and marks together and splits on everything else.
const WORD = /[\p{L}\p{N}\p{M}]+/gu

export function toFtsQuery(text: string): string | null {
  const words = (text.normalize('NFC').match(WORD) ?? []).slice(0, MAX_QUERY_WORDS)
  if (words.length === 0) return null
  return words.map((word, index) => (index === words.length - 1 ? `"${word}"*` : `"${word}"`)).join(' ')
}
