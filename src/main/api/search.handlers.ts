import type { ApiHandlers } from '../../shared/api'
import type { Library } from '../library/library'
import { toFtsQuery } from '../search/fts-query'

export function searchHandlers(library: Library): Pick<ApiHandlers, 'search.query'> {
  return {
    'search.query': async ({ q, type, limit }, { user }) => {
      const query = toFtsQuery(q)
      return query ? library.catalog.search.search(user.id, query, { type, limit }) : []
    },
  }
}
