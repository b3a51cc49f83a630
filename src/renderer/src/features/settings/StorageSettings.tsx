import { useState } from 'react'
import {
  type CastdeskConfig,
  type StorageConfig,
  storageConfigSchema,
} from '../../../../shared/config-schema'
import { type Issues, issuesUnder } from './config-issues'
import { CheckField, TextField } from './fields'

type Change = (path: string, update: (config: CastdeskConfig) => CastdeskConfig, touch?: boolean) => void

/** The environment variables an S3 storage's keys are read from (as src/main/storage/s3-credentials.ts names them). */
function keyVariables(name: string): [string, string] {
  const prefix = `CASTDESK_S3_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`
  return [`${prefix}ACCESS_KEY_ID`, `${prefix}SECRET_ACCESS_KEY`]
}

/** A new storage with the schema's defaults (a local one in a folder named after it). */
function newStorage(type: 'local' | 's3', name: string): StorageConfig {
  if (type === 'local') return { type: 'local', location: name }
  const s3 = storageConfigSchema.parse({ type: 's3', bucket: 'bucket' }) as Extract<
    StorageConfig,
    { type: 's3' }
  >
  return { ...s3, bucket: '' }
}

/** Optional text: empty means "not set". */
const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim())

function StorageFields({
  name,
  storage,
  issues,
  set,
}: {
  name: string
  storage: StorageConfig
  issues: Issues
  set: (field: string, update: (s: StorageConfig) => StorageConfig) => void
}) {
  const at = (field: string) => issues[`storages.${name}.${field}`]
  if (storage.type === 'local') {
    return (
      <div className="field-grid">
        <TextField
          label="Folder"
          hint="Relative to the library folder, or a full path."
          value={storage.location}
          error={at('location')}
          onChange={(v) => set('location', (s) => ({ ...s, location: v }))}
        />
        <TextField
          label="Public URL (optional)"
          placeholder="https://example.org/media/"
          value={storage.publicBaseUrl}
          error={at('publicBaseUrl')}
          onChange={(v) => set('publicBaseUrl', (s) => ({ ...s, publicBaseUrl: optional(v) }))}
        />
      </div>
    )
  }
  const [idVar, secretVar] = keyVariables(name)
  return (
    <>
      <div className="field-grid">
        <TextField
          label="Bucket"
          value={storage.bucket}
          error={at('bucket')}
          onChange={(v) => set('bucket', (s) => ({ ...s, bucket: v.trim() }))}
        />
        <TextField
          label="Folder in the bucket (optional)"
          placeholder="podcast/"
          value={storage.prefix}
          error={at('prefix')}
          onChange={(v) => set('prefix', (s) => ({ ...s, prefix: v.trim() }))}
        />
        <TextField
          label="Endpoint (empty for AWS)"
          placeholder="https://s3.eu-central-1.wasabisys.com"
          value={storage.endpoint}
          error={at('endpoint')}
          onChange={(v) => set('endpoint', (s) => ({ ...s, endpoint: optional(v) }))}
        />
        <TextField
          label="Region"
          value={storage.region}
          error={at('region')}
          onChange={(v) => set('region', (s) => ({ ...s, region: v.trim() }))}
        />
        <TextField
          label="Public URL (optional)"
          placeholder="https://media.example.org/"
          value={storage.publicBaseUrl}
          error={at('publicBaseUrl')}
          onChange={(v) => set('publicBaseUrl', (s) => ({ ...s, publicBaseUrl: optional(v) }))}
        />
      </div>
      <CheckField
        label="Path-style addresses"
        hint="Needed by MinIO and most self-hosted S3 servers."
        checked={storage.forcePathStyle}
        onChange={(v) => set('forcePathStyle', (s) => ({ ...s, forcePathStyle: v }))}
      />
      <p className="secret-note small">
        <strong>Keys are not set here.</strong> Castdesk reads them from <code>{idVar}</code> and{' '}
        <code>{secretVar}</code> (or the desktop app’s keychain).
      </p>
    </>
  )
}

/** Named storages: `default` receives imports; the others are sync destinations (S3 or a folder). */
export function StorageSettings({
  config,
  issues,
  change,
}: {
  config: CastdeskConfig
  issues: Issues
  change: Change
}) {
  const [name, setName] = useState('')
  const [type, setType] = useState<'local' | 's3'>('s3')
  const [nameError, setNameError] = useState<string | null>(null)
  const names = Object.keys(config.storages).sort((a, b) =>
    a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : 1,
  )

  const add = () => {
    const wanted = name.trim()
    if (!/^[a-z][a-z0-9_-]*$/.test(wanted)) {
      setNameError('Use lower-case letters, digits, "_" or "-", starting with a letter (like "production").')
      return
    }
    if (wanted in config.storages) {
      setNameError(`There is a storage named "${wanted}" already.`)
      return
    }
    setNameError(null)
    setName('')
    change(
      `storages.${wanted}`,
      (c) => ({ ...c, storages: { ...c.storages, [wanted]: newStorage(type, wanted) } }),
      false,
    )
  }

  return (
    <section className="box" aria-labelledby="storages-title">
      <h2 id="storages-title">Storages</h2>
      <p className="muted small">
        Secrets are never shown or saved here: S3 keys come from environment variables or the desktop app’s
        keychain, never from castdesk.config.json.
      </p>
      {issues.storages && (
        <p className="field-error" data-testid="field-error">
          {issues.storages}
        </p>
      )}
      {names.map((storageName) => {
        const storage = config.storages[storageName] as StorageConfig
        const bad = issuesUnder(issues, `storages.${storageName}`).length > 0
        return (
          <fieldset
            key={storageName}
            className={`storage-edit${bad ? ' invalid' : ''}`}
            data-testid="storage-edit"
          >
            <legend>
              <strong>{storageName}</strong>{' '}
              <span className="pill">{storage.type === 's3' ? 'S3' : 'folder'}</span>
              {storageName === 'default' && <span className="muted"> · imports go here</span>}
            </legend>
            <StorageFields
              name={storageName}
              storage={storage}
              issues={issues}
              set={(field, update) =>
                change(`storages.${storageName}.${field}`, (c) => ({
                  ...c,
                  storages: {
                    ...c.storages,
                    [storageName]: update(c.storages[storageName] as StorageConfig),
                  },
                }))
              }
            />
            {storageName !== 'default' && (
              <button
                type="button"
                className="ghost danger"
                onClick={() =>
                  change('storages', (c) => {
                    const { [storageName]: _removed, ...rest } = c.storages
                    return { ...c, storages: rest }
                  })
                }
              >
                Remove {storageName}
              </button>
            )}
          </fieldset>
        )
      })}
      <div className="add-storage">
        <div className="field">
          <label className="field-label" htmlFor="new-storage-name">
            New storage name
          </label>
          <input
            id="new-storage-name"
            type="text"
            value={name}
            placeholder="production"
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'new-storage-error' : undefined}
          />
          {nameError && (
            <span id="new-storage-error" className="field-error">
              {nameError}
            </span>
          )}
        </div>
        <label className="field">
          <span className="field-label">Kind</span>
          <select value={type} onChange={(e) => setType(e.target.value as 'local' | 's3')}>
            <option value="s3">S3 bucket</option>
            <option value="local">Folder on this computer</option>
          </select>
        </label>
        <button type="button" onClick={add}>
          Add storage
        </button>
      </div>
    </section>
  )
}
