import { useEffect, useState } from 'react'
import type { ApiName, ProgressEvent } from '../../../../shared/api'

/**
 * The latest progress of an operation this user called, from `castdesk serve`'s event stream
 * (browser mode). The desktop window has no such stream: there, only the result shows.
 */
export function useProgress(operation: ApiName, active: boolean): ProgressEvent | null {
  const [progress, setProgress] = useState<ProgressEvent | null>(null)
  useEffect(() => {
    if (!active || window.castdesk || typeof EventSource === 'undefined') return
    setProgress(null)
    const events = new EventSource('/api/events')
    events.addEventListener('progress', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as ProgressEvent
      if (event.operation === operation) setProgress(event)
    })
    return () => events.close()
  }, [operation, active])
  return progress
}
