import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MAX_QUERY_WORDS, toFtsQuery } from '../../../src/main/search/fts-query'

describe('toFtsQuery', () => {
  it('quotes every word, ANDs them, and makes the last one a prefix', () => {
    expect(toFtsQuery('sea otters')).toBe('"sea" "otters"*')
    expect(toFtsQuery('  Über  café ')).toBe('"Über" "café"*')
  })

  it('takes FTS syntax as plain text', () => {
    expect(toFtsQuery('"NEAR(a b)" -c* title:d OR e')).toBe('"NEAR" "a" "b" "c" "title" "d" "OR" "e"*')
  })

  it('gives null when no word is left', () => {
    for (const text of ['', '   ', '"', '*', '-', '()', '^:', '🐳']) expect(toFtsQuery(text)).toBeNull()
  })

  it('keeps at most MAX_QUERY_WORDS words', () => {
    const query = toFtsQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')) as string
    expect(query.split(' ')).toHaveLength(MAX_QUERY_WORDS)
  })

  it('always builds a query SQLite FTS5 accepts', () => {
    const db = new Database(':memory:')
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')")
    db.prepare('INSERT INTO t (x) VALUES (?)').run('The narwhal and its tusk, über alles')
    const match = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?')
    const hostile = [
      '"',
      "'",
      '*',
      'a*b',
      'NEAR(',
      ')',
      'x:y',
      'AND',
      'NOT narwhal',
      '^tusk',
      '{a b}',
      'a\u0000b',
      'ü\u0308ber',
      '\\',
    ]
    for (const text of hostile) {
      const query = toFtsQuery(text)
      if (query) expect(() => match.get(query)).not.toThrow()
    }
    expect(match.get(toFtsQuery('UBER') as string)).toEqual({ n: 1 })
    expect(match.get(toFtsQuery('narwhal tu') as string)).toEqual({ n: 1 })
    db.close()
  })
})
