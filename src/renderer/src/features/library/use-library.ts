import { useCallback, useEffect, useState } from 'react'
import type { SearchHit } from '../../../../shared/api/search.api'
import type { MediaItem, MediaType } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'

export type TypeFilter = MediaType | 'all'

const FIRST_PAGE = 200
const NEXT_PAGE = 20_000

/** The acting user's items of a type, narrowed by the search box (search.query) when it has text. */
export function useLibrary(type: TypeFilter, query: string, refreshKey: number) {
  const [items, setItems] = useState<MediaItem[] | null>(null)
  const [hits, setHits] = useState<Map<number, SearchHit> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey and tick only trigger a reload.
  useEffect(() => {
    let live = true
    const filter = type === 'all' ? {} : { type }
    // The first screenful arrives on its own, so the grid paints at once; the rest follows in
    // large pages (a 100,000-item library is one request per page, not one per item).
    const load = async () => {
      let list = await requireClient().call('media.list', { ...filter, limit: FIRST_PAGE })
      if (!live) return
      setItems(list)
      setError(null)
      let asked = FIRST_PAGE
      let got = list.length
      while (got === asked) {
        asked = NEXT_PAGE
        const page = await requireClient().call('media.list', {
          ...filter,
          offset: list.length,
          limit: asked,
        })
        if (!live) return
        // An import while pages load shifts the offsets: an item may come twice.
        const seen = new Set(list.map((i) => i.id))
        list = list.concat(page.filter((i) => !seen.has(i.id)))
        setItems(list)
        got = page.length
      }
    }
    load().catch((e: unknown) => live && setError(messageOf(e)))
    return () => {
      live = false
    }
  }, [type, refreshKey, tick])

  useEffect(() => {
    const q = query.trim()
    if (!q) {
      setHits(null)
      return
    }
    let live = true
    const timer = setTimeout(() => {
      requireClient()
        .call('search.query', { q, type: type === 'all' ? undefined : type, limit: 200 })
        .then((found) => {
          if (!live) return
          const map = new Map<number, SearchHit>()
          for (const hit of found) if (!map.has(hit.id)) map.set(hit.id, hit)
          setHits(map)
        })
        .catch((e: unknown) => live && setError(messageOf(e)))
    }, 200)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [query, type])

  const shown = items && hits ? items.filter((i) => hits.has(i.id)) : items
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { items: shown, total: items?.length ?? 0, hits, error, reload }
}
