import { Unavailable } from '../system/Unavailable'
import { ImageSettings } from './ImageSettings'
import { LimitSettings } from './LimitSettings'
import { StorageSettings } from './StorageSettings'
import { UsersSettings } from './UsersSettings'
import { useSettings } from './use-settings'
import '../../panels.css'
import './settings.css'

const RESTART_LABEL: Record<string, string> = {
  imageFormats: 'image formats',
  regularSlots: 'image slots',
  gallerySlots: 'gallery slots',
  galleryThumbnailSrgb: 'gallery thumbnails',
  avifEffort: 'AVIF effort',
  uploadLimits: 'upload limits',
  deleteFilesOnTrashEmpty: 'emptying the trash',
  libraryBackup: 'library backups',
  quarantineDays: 'the quarantine',
  maxDelete: 'the delete limits',
  maxDeleteFraction: 'the delete limits',
  'storages.default': 'the default storage',
}

/** The library's castdesk.config.json as a form, checked by the same schema the library reads it with. */
export function SettingsScreen() {
  const settings = useSettings()
  const { draft, issues, status, saved } = settings
  const problems = Object.keys(issues).length
  return (
    <section className="page settings-page">
      <header className="settings-head">
        <h1>Settings</h1>
        {saved && (
          <span className="muted small" title={saved.path}>
            Saved in {saved.path}
          </span>
        )}
      </header>
      {settings.loadError && <Unavailable error={settings.loadError} what="Settings" />}
      {draft && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void settings.save()
          }}
        >
          <ImageSettings config={draft} issues={issues} change={settings.change} />
          <StorageSettings config={draft} issues={issues} change={settings.change} />
          <LimitSettings config={draft} issues={issues} change={settings.change} />
          <div className="save-bar">
            <button type="submit" className="primary" disabled={status.kind === 'saving' || !settings.dirty}>
              {status.kind === 'saving' ? 'Saving…' : 'Save settings'}
            </button>
            <button type="button" onClick={() => void settings.revert()} disabled={!settings.dirty}>
              Undo changes
            </button>
            <span role="status" className="save-status">
              {status.kind === 'invalid' && (
                <span className="error">
                  Nothing was saved: fix the {problems === 1 ? 'marked field' : `${problems} marked fields`}.
                </span>
              )}
              {status.kind === 'failed' && <span className="error">{status.message}</span>}
              {status.kind === 'saved' && (
                <span className="ok">
                  ✓ Saved.
                  {status.restartNeeded.length > 0 &&
                    ` Changes to ${status.restartNeeded.map((k) => RESTART_LABEL[k] ?? k).join(', ')} take effect when Castdesk restarts.`}
                </span>
              )}
              {status.kind === 'idle' && settings.dirty && problems === 0 && (
                <span className="muted">Unsaved changes.</span>
              )}
            </span>
          </div>
        </form>
      )}
      {draft && <UsersSettings />}
    </section>
  )
}
