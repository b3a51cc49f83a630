import { useEffect, useState } from 'react'
import type { ProgressEvent } from '../../../../shared/api'
import type { SyncReport } from '../../../../shared/api/storage.api'
import { client, requireClient } from '../../lib/client'

export type SyncPhase = 'idle' | 'planning' | 'planned' | 'syncing' | 'done' | 'failed'

export interface SyncRequest {
  from: string
  to: string
  /** Delete destination files this library lacks (only Castdesk's folders, never after an error). */
  remove: boolean
}

export interface SyncError {
  message: string
  code: string
}

/** A dry run, then a sync, with the progress events the engine sends while files move. */
export function useSync() {
  const [phase, setPhase] = useState<SyncPhase>('idle')
  const [plan, setPlan] = useState<SyncReport | null>(null)
  const [result, setResult] = useState<SyncReport | null>(null)
  const [progress, setProgress] = useState<ProgressEvent | null>(null)
  const [error, setError] = useState<SyncError | null>(null)

  // Listening from the moment the screen opens: the stream is connected before a sync starts.
  useEffect(
    () =>
      client?.onProgress?.((event) => {
        if (event.operation === 'storage.sync') setProgress(event)
      }),
    [],
  )

  const call = async (request: SyncRequest, dryRun: boolean) => {
    setError(null)
    setPhase(dryRun ? 'planning' : 'syncing')
    if (!dryRun) {
      setProgress(null)
      setResult(null)
    }
    try {
      const report = await requireClient().call('storage.sync', {
        from: request.from,
        to: request.to,
        delete: request.remove,
        dryRun,
      })
      if (dryRun) setPlan(report)
      else setResult(report)
      setPhase(dryRun ? 'planned' : 'done')
    } catch (e) {
      const { message, code } = e as { message?: string; code?: string }
      setError({ message: message ?? String(e), code: code ?? 'internal' })
      setPhase('failed')
    }
  }

  return {
    phase,
    plan,
    result,
    progress,
    error,
    review: (request: SyncRequest) => call(request, true),
    run: (request: SyncRequest) => call(request, false),
    reset: () => {
      setPlan(null)
      setResult(null)
      setProgress(null)
      setError(null)
      setPhase('idle')
    },
  }
}
