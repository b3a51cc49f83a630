import type { StorageInfo } from '../../../../shared/api/storage.api'

/** The configured storages: where each one is, and where its keys come from (never the keys). */
export function StorageList({ storages }: { storages: StorageInfo[] }) {
  return (
    <ul className="storage-cards" aria-label="Storages">
      {storages.map((s) => (
        <li key={s.name} className="storage-card">
          <div className="storage-head">
            <strong>{s.name}</strong>
            <span className={`pill pill-${s.type}`}>{s.type === 's3' ? 'S3' : 'folder'}</span>
            {s.name === 'default' && <span className="muted">imports go here</span>}
          </div>
          <div className="storage-where" title={s.location}>
            {s.location}
          </div>
          {s.endpoint && <div className="muted small">Endpoint {s.endpoint}</div>}
          {s.publicBaseUrl && <div className="muted small">Published at {s.publicBaseUrl}</div>}
          {s.credentialVariables.length > 0 && (
            <div className="muted small">
              Keys from <code>{s.credentialVariables[0]}</code> and <code>{s.credentialVariables[1]}</code>
            </div>
          )}
        </li>
      ))}
    </ul>
  )
}
