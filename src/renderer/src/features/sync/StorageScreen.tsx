import { useState } from 'react'
import { useCall } from '../../lib/use-call'
import { Unavailable } from '../system/Unavailable'
import { LibrarySnapshots } from './LibrarySnapshots'
import { RestorePanel } from './RestorePanel'
import { SpaceUsed } from './SpaceUsed'
import { StalePanel } from './StalePanel'
import { StorageList } from './StorageList'
import { SyncPanel } from './SyncPanel'
import '../../panels.css'
import './sync.css'

/** Storages, sync with a reviewed plan and live progress, space used, and stale files. */
export function StorageScreen() {
  const storages = useCall('storage.list', {})
  const statuses = useCall('storage.status', { census: true })
  const [changes, setChanges] = useState(0)
  const changed = () => setChanges((n) => n + 1)
  return (
    <section className="page sync-page">
      <h1>Storage &amp; sync</h1>
      {storages.error && <Unavailable error={storages.error} what="Storage and sync" />}
      {storages.data && (
        <>
          <StorageList storages={storages.data} statuses={statuses.data ?? undefined} />
          <SyncPanel storages={storages.data} onSynced={changed} />
          <RestorePanel storages={storages.data} onRestored={changed} />
          <LibrarySnapshots key={changes} />
          <SpaceUsed storages={storages.data} refreshKey={changes} />
          <StalePanel storages={storages.data} onDeleted={changed} />
        </>
      )}
    </section>
  )
}
