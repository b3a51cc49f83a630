import { useEffect, useRef } from 'react'
import { requireClient } from '../../lib/client'

const POLL_MS = 2000

/**
 * Calls `onSettled` each time the acting user's background work (posters, waveforms, renditions)
 * goes from busy to idle, so that what it made (a video's poster) appears without a manual reload.
 */
export function useJobsSettled(onSettled: () => void): void {
  const busy = useRef(false)
  const callback = useRef(onSettled)
  callback.current = onSettled
  useEffect(() => {
    let live = true
    const check = async () => {
      try {
        const client = requireClient()
        const [running, queued] = await Promise.all([
          client.call('jobs.list', { state: 'running' }),
          client.call('jobs.list', { state: 'queued' }),
        ])
        if (!live) return
        const now = running.length + queued.length > 0
        if (busy.current && !now) callback.current()
        busy.current = now
      } catch {
        // The job list is informative here: a failed poll changes nothing.
      }
    }
    void check()
    const timer = setInterval(check, POLL_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [])
}
