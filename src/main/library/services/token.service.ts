import { createHash, randomBytes } from 'node:crypto'
import type { User } from '../../../shared/media'
import type { TokensRepository } from '../repositories/tokens.repository'

/** Every token starts with this, so a leaked one is recognisable (and greppable) as Castdesk's. */
export const TOKEN_PREFIX = 'cdt_'
const TOKEN_SHAPE = /^cdt_[A-Za-z0-9_-]{43}$/
const HINT_CHARS = TOKEN_PREFIX.length + 6

export interface NewToken {
  id: number
  /** The token itself: shown once, never stored. */
  token: string
  hint: string
}

/** API tokens: 256 random bits, kept as their SHA-256 only, revocable. */
export class TokenService {
  constructor(private readonly tokens: TokensRepository) {}

  create(userId: number, label: string, now: string): NewToken {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
    const hint = `${token.slice(0, HINT_CHARS)}…`
    const id = this.tokens.insert(userId, sha256(token), hint, label, now)
    return { id, token, hint }
  }

  /** The user a presented token belongs to; null for anything that is not a live token. */
  authenticate(presented: string): User | null {
    if (!TOKEN_SHAPE.test(presented)) return null
    return this.tokens.userOf(sha256(presented))
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
