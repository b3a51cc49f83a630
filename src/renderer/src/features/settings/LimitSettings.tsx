import type { CastdeskConfig, UploadLimits } from '../../../../shared/config-schema'
import type { Issues } from './config-issues'
import { CheckField, NumberField } from './fields'

type Change = (path: string, update: (config: CastdeskConfig) => CastdeskConfig, touch?: boolean) => void

const MiB = 1024 * 1024
const LIMITS: { key: keyof UploadLimits; label: string }[] = [
  { key: 'audioBytes', label: 'Audio' },
  { key: 'masterBytes', label: 'Audio masters' },
  { key: 'videoBytes', label: 'Video' },
  { key: 'imageBytes', label: 'Images' },
  { key: 'fileBytes', label: 'Other files' },
]

/** The largest file accepted per type (shown in MiB, stored in bytes), and what emptying the trash does. */
export function LimitSettings({
  config,
  issues,
  change,
}: {
  config: CastdeskConfig
  issues: Issues
  change: Change
}) {
  return (
    <section className="box" aria-labelledby="limits-title">
      <h2 id="limits-title">Uploads and trash</h2>
      <div className="field-grid">
        {LIMITS.map(({ key, label }) => (
          <NumberField
            key={key}
            label={`Largest ${label.toLowerCase()} upload`}
            unit="MiB"
            value={Math.round((config.uploadLimits[key] / MiB) * 100) / 100}
            error={issues[`uploadLimits.${key}`]}
            onChange={(v) =>
              change(`uploadLimits.${key}`, (c) => ({
                ...c,
                uploadLimits: { ...c.uploadLimits, [key]: Number.isNaN(v) ? v : Math.round(v * MiB) },
              }))
            }
          />
        ))}
      </div>
      <CheckField
        label="Emptying the trash deletes the items’ files"
        hint="Off keeps the files in the storage (django-cast’s DELETE_WAGTAIL_IMAGES = False)."
        checked={config.deleteFilesOnTrashEmpty}
        onChange={(v) => change('deleteFilesOnTrashEmpty', (c) => ({ ...c, deleteFilesOnTrashEmpty: v }))}
      />
      <div className="field-grid">
        <NumberField
          label="Keep removed files in the quarantine"
          unit="days"
          value={config.quarantineDays}
          error={issues.quarantineDays}
          onChange={(v) => change('quarantineDays', (c) => ({ ...c, quarantineDays: v }))}
        />
        <NumberField
          label="Ask before removing more than"
          unit="files"
          value={config.maxDelete}
          error={issues.maxDelete}
          onChange={(v) => change('maxDelete', (c) => ({ ...c, maxDelete: v }))}
        />
        <NumberField
          label="… or more than this share of a storage’s files"
          unit="%"
          value={Math.round(config.maxDeleteFraction * 1000) / 10}
          error={issues.maxDeleteFraction}
          onChange={(v) =>
            change('maxDeleteFraction', (c) => ({ ...c, maxDeleteFraction: Number.isNaN(v) ? v : v / 100 }))
          }
        />
      </div>
    </section>
  )
}
