import type { StorageInfo, StorageStatus } from '../../../../shared/api/storage.api'

/**
 * The configured storages: where each one is, where its keys come from (never the keys), and
 * whether it is connected with the library's files present ("default: 1,204 of 1,204 files present").
 */
export function StorageList({ storages, statuses }: { storages: StorageInfo[]; statuses?: StorageStatus[] }) {
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
          <StorageCensus status={statuses?.find((status) => status.name === s.name)} />
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

function StorageCensus({ status }: { status: StorageStatus | undefined }) {
  if (!status) return null
  if (status.message) return <div className="error small">{status.message}</div>
  const census = status.census
  if (!census) return null
  const count = (n: number) => n.toLocaleString('en')
  return (
    <div className={census.missing ? 'error small' : 'ok small'} data-testid={`census-${status.name}`}>
      {status.name}: {count(census.present)} of {count(census.referenced)} files present
      {census.missing > 0 &&
        ` — missing ${census.missingKeys.join(', ')}${census.missing > census.missingKeys.length ? ' …' : ''}`}
    </div>
  )
}
