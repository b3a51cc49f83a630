import { z } from 'zod'
import { id } from './common'

const userName = z.string().trim().min(1).max(64)

/**
 * API tokens for `castdesk serve` (`Authorization: Bearer <token>`). Library-wide administration:
 * the CLI offers these; the HTTP door does not.
 */
export const tokensInputs = {
  /** A new token for the named user; the token is in the output once and never stored. */
  'tokens.create': z.object({ user: userName, label: z.string().trim().max(100).default('') }).strict(),
  /** Every token (of one user when named), live and revoked, without the secrets. */
  'tokens.list': z.object({ user: userName.optional() }).strict(),
  /** Revokes one token by id, or every live token of a user. */
  'tokens.revoke': z
    .union([z.object({ id }).strict(), z.object({ user: userName }).strict()])
    .describe('{id} or {user}'),
} as const

export interface TokenInfo {
  id: number
  user: string
  /** The token's first characters, to tell tokens apart. */
  hint: string
  label: string
  created: string
  revoked: string | null
}

export interface TokensOutputs {
  'tokens.create': TokenInfo & { token: string }
  'tokens.list': TokenInfo[]
  'tokens.revoke': { revoked: number }
}
