import { useState } from 'react'
import { EpisodesScreen } from './features/episodes/EpisodesScreen'
import { DropOverlay } from './features/import/DropOverlay'
import { ImportPanel } from './features/import/ImportPanel'
import { useImport } from './features/import/use-import'
import { LibraryScreen } from './features/library/LibraryScreen'
import { SettingsScreen } from './features/settings/SettingsScreen'
import { StorageBanner } from './features/sync/StorageBanner'
import { StorageScreen } from './features/sync/StorageScreen'
import { DoctorScreen } from './features/system/DoctorScreen'
import { JobsScreen } from './features/system/JobsScreen'
import { client } from './lib/client'

const SCREENS = [
  { id: 'library', label: 'Library' },
  { id: 'episodes', label: 'Episodes' },
  { id: 'jobs', label: 'Jobs' },
  { id: 'storage', label: 'Storage & sync' },
  { id: 'doctor', label: 'Check setup' },
  { id: 'settings', label: 'Settings' },
] as const
type Screen = (typeof SCREENS)[number]['id']

export function App() {
  const [screen, setScreen] = useState<Screen>('library')
  const importer = useImport()

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◉
          </span>
          Castdesk
        </div>
        {SCREENS.map((s) => (
          <button
            key={s.id}
            type="button"
            className={`nav-item${screen === s.id ? ' active' : ''}`}
            aria-current={screen === s.id ? 'page' : undefined}
            onClick={() => setScreen(s.id)}
          >
            {s.label}
          </button>
        ))}
        <p className="sidebar-hint">Drop files anywhere to import them.</p>
      </nav>
      <main className="content">
        {!client && (
          <p className="notice">
            Castdesk’s engine is not connected: open this window from the Castdesk app.
          </p>
        )}
        {client && <StorageBanner />}
        {client && screen === 'library' && <LibraryScreen refreshKey={importer.finished} />}
        {client && screen === 'episodes' && <EpisodesScreen />}
        {client && screen === 'jobs' && <JobsScreen />}
        {client && screen === 'storage' && <StorageScreen />}
        {client && screen === 'doctor' && <DoctorScreen />}
        {client && screen === 'settings' && <SettingsScreen />}
      </main>
      <DropOverlay onFiles={importer.start} />
      {importer.batches.length > 0 && <ImportPanel batches={importer.batches} onClose={importer.clear} />}
    </div>
  )
}
