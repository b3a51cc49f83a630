import type { Db } from '../database'
import { MediaEditRepository } from '../repositories/media-edit.repository'
import { MediaQueryRepository } from '../repositories/media-query.repository'
import { OwnershipRepository } from '../repositories/ownership.repository'
import { SearchRepository } from '../repositories/search.repository'
import { TokensRepository } from '../repositories/tokens.repository'
import { withStatementCache } from '../statement-cache'
import { TokenService } from './token.service'

/** Search, paged listing, edits, ownership look-ups and API tokens (issue 7). */
export interface CatalogServices {
  search: SearchRepository
  query: MediaQueryRepository
  edit: MediaEditRepository
  ownership: OwnershipRepository
  tokenRecords: TokensRepository
  tokens: TokenService
}

export function createCatalogServices(connection: Db): CatalogServices {
  // Every request of the REST API runs these: compile each statement once.
  const db = withStatementCache(connection)
  const tokenRecords = new TokensRepository(db)
  return {
    search: new SearchRepository(db),
    query: new MediaQueryRepository(db),
    edit: new MediaEditRepository(db),
    ownership: new OwnershipRepository(db),
    tokenRecords,
    tokens: new TokenService(tokenRecords),
  }
}
