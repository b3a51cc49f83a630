import { useCallback, useEffect, useState } from 'react'
import type { StorageStatus } from '../../../../shared/api/storage.api'
import { requireClient } from '../../lib/client'

/** How often a storage that is not there is looked for again (a disk being connected). */
const RETRY_MS = 30_000

const HEADLINE: Record<Exclude<StorageStatus['state'], 'ok'>, (name: string) => string> = {
  missing: (name) => `Storage ${name} is not connected`,
  unmarked: (name) => `Storage ${name} is not set up`,
  foreign: (name) => `Storage ${name} belongs to another library`,
  unreachable: (name) => `Storage ${name} cannot be reached`,
}

/**
 * A banner for each storage that is missing, unmarked or another library's: the library stays
 * browsable from the catalog, while imports, syncs and deletes are refused until it is back.
 * Looked at again on Retry and every 30 s. Hidden where `storage.status` is not offered.
 */
export function StorageBanner() {
  const [down, setDown] = useState<StorageStatus[]>([])
  const [checking, setChecking] = useState(false)
  const check = useCallback(async () => {
    setChecking(true)
    try {
      const statuses = await requireClient().call('storage.status', { census: false })
      setDown(statuses.filter((s) => s.state !== 'ok'))
    } catch {
      setDown([])
    } finally {
      setChecking(false)
    }
  }, [])
  useEffect(() => {
    void check()
    const timer = setInterval(() => void check(), RETRY_MS)
    return () => clearInterval(timer)
  }, [check])
  if (down.length === 0) return null
  return (
    <div className="storage-banner" role="alert" data-testid="storage-banner">
      {down.map((s) => (
        <div key={s.name} className="storage-banner-row">
          <strong>{HEADLINE[s.state as Exclude<StorageStatus['state'], 'ok'>](s.name)}</strong>
          <span className="storage-banner-detail">{s.message}</span>
        </div>
      ))}
      <button type="button" onClick={() => void check()} disabled={checking}>
        {checking ? 'Checking…' : 'Retry'}
      </button>
    </div>
  )
}
