import { useEffect, useState } from 'react'
import type { ApiName, ProgressEvent } from '../../../../shared/api'

/**
 * The latest progress of an operation this user called, from `castdesk serve`'s event stream
 * (browser mode), while `active`. The stream is listened to for as long as the panel is shown, so
 * the first events of a run are not lost while it connects; a new run starts from nothing. The
 * desktop window has no such stream: there, only the result shows.
 */
export function useProgress(operation: ApiName, active: boolean): ProgressEvent | null {
  const [progress, setProgress] = useState<ProgressEvent | null>(null)
  useEffect(() => {
    if (window.castdesk || typeof EventSource === 'undefined') return
    const events = new EventSource('/api/events')
    events.addEventListener('progress', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as ProgressEvent
      if (event.operation === operation) setProgress(event)
    })
    return () => events.close()
  }, [operation])
  useEffect(() => {
    if (active) setProgress(null)
  }, [active])
  return active ? progress : null
}
