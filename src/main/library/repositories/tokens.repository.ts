import type { User } from '../../../shared/media'
import type { Db } from '../database'

export interface TokenRecord {
  id: number
  user: string
  hint: string
  label: string
  created: string
  revoked: string | null
}

/** API tokens, stored as the SHA-256 of the token (never the token itself). */
export class TokensRepository {
  constructor(private readonly db: Db) {}

  insert(userId: number, sha256: string, hint: string, label: string, now: string): number {
    const result = this.db
      .prepare('INSERT INTO api_tokens (user_id, token_sha256, hint, label, created) VALUES (?, ?, ?, ?, ?)')
      .run(userId, sha256, hint, label, now)
    return Number(result.lastInsertRowid)
  }

  /** The user of a live (not revoked) token. */
  userOf(sha256: string): User | null {
    const row = this.db
      .prepare<[string], User>(
        `SELECT u.id, u.name, u.created FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_sha256 = ? AND t.revoked IS NULL`,
      )
      .get(sha256)
    return row ?? null
  }

  list(userId?: number): TokenRecord[] {
    return this.db
      .prepare<[number | null, number | null], TokenRecord>(
        `SELECT t.id, u.name AS user, t.hint, t.label, t.created, t.revoked
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE (? IS NULL OR t.user_id = ?) ORDER BY t.id`,
      )
      .all(userId ?? null, userId ?? null)
  }

  /** Revokes one token, or every live token of a user; returns how many were live. */
  revoke(target: { id: number } | { userId: number }, now: string): number {
    const result =
      'id' in target
        ? this.db
            .prepare('UPDATE api_tokens SET revoked = ? WHERE id = ? AND revoked IS NULL')
            .run(now, target.id)
        : this.db
            .prepare('UPDATE api_tokens SET revoked = ? WHERE user_id = ? AND revoked IS NULL')
            .run(now, target.userId)
    return result.changes
  }
}
