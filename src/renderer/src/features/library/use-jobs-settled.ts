import { useEffect, useRef } from 'react'
import { requireClient } from '../../lib/client'

const POLL_MS = 2000

/**
 * Calls `onSettled` when the acting user's background work (posters, waveforms, renditions) has
 * changed since the last time it was idle and is idle again, so that what it made (a video's
 * poster) appears without a manual reload. Work that starts and ends between two polls counts too:
 * the newest `updated` time of the jobs is what is compared.
 */
export function useJobsSettled(onSettled: () => void): void {
  const settledAt = useRef<string | null>(null)
  const callback = useRef(onSettled)
  callback.current = onSettled
  useEffect(() => {
    let live = true
    const check = async () => {
      try {
        const jobs = await requireClient().call('jobs.list', {})
        if (!live) return
        if (jobs.some((j) => j.state === 'queued' || j.state === 'running')) return
        const latest =
          jobs
            .map((j) => j.updated)
            .sort()
            .at(-1) ?? '' // ISO times sort as text
        if (settledAt.current !== null && latest !== settledAt.current) callback.current()
        settledAt.current = latest
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
