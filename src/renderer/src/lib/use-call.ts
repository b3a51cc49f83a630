import { useCallback, useEffect, useState } from 'react'
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api'
import { messageOf, requireClient } from './client'

export interface CallState<T> {
  data: T | null
  error: string | null
  loading: boolean
  reload: () => void
}

/** Calls one operation when `input` changes (compared as JSON); `null` input skips the call. */
export function useCall<N extends ApiName>(name: N, input: ApiInput<N> | null): CallState<ApiOutput<N>> {
  const [data, setData] = useState<ApiOutput<N> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [tick, setTick] = useState(0)
  const key = input === null ? null : JSON.stringify(input)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the input is compared by its JSON key.
  useEffect(() => {
    if (key === null) return
    let live = true
    setLoading(true)
    requireClient()
      .call(name, JSON.parse(key) as ApiInput<N>)
      .then((out) => {
        if (!live) return
        setData(out)
        setError(null)
      })
      .catch((e: unknown) => live && setError(messageOf(e)))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [name, key, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading, reload }
}
