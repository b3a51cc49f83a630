import { type CastdeskConfig, IMAGE_OUTPUT_FORMATS } from '../../../../shared/config-schema'
import type { Issues } from './config-issues'
import { CheckField, NumberField } from './fields'

type Change = (path: string, update: (config: CastdeskConfig) => CastdeskConfig, touch?: boolean) => void
type Slot = [number, number]

const FORMAT_LABEL = { jpeg: 'JPEG', avif: 'AVIF', webp: 'WebP', png: 'PNG' } as const

function SlotRow({
  label,
  slot,
  path,
  issues,
  onChange,
  onRemove,
}: {
  label: string
  slot: Slot
  path: string
  issues: Issues
  onChange: (slot: Slot) => void
  onRemove?: () => void
}) {
  return (
    <div className="slot-row">
      <span className="slot-label">{label}</span>
      <NumberField
        label={`Width of ${label.toLowerCase()}`}
        hideLabel
        unit="px"
        value={slot[0]}
        error={issues[`${path}.0`]}
        onChange={(w) => onChange([w, slot[1]])}
      />
      <span aria-hidden="true" className="times">
        ×
      </span>
      <NumberField
        label={`Height of ${label.toLowerCase()}`}
        hideLabel
        unit="px"
        value={slot[1]}
        error={issues[`${path}.1`]}
        onChange={(h) => onChange([slot[0], h])}
      />
      {onRemove && (
        <button
          type="button"
          className="ghost"
          onClick={onRemove}
          aria-label={`Remove ${label.toLowerCase()}`}
        >
          Remove
        </button>
      )}
    </div>
  )
}

/** Rendition formats, AVIF effort and the layout slots renditions are planned for (django-cast's settings). */
export function ImageSettings({
  config,
  issues,
  change,
}: {
  config: CastdeskConfig
  issues: Issues
  change: Change
}) {
  const setSlot = (key: 'regularSlots' | 'gallerySlots', index: number, slot: Slot) =>
    change(`${key}.${index}`, (c) => ({ ...c, [key]: c[key].map((s, i) => (i === index ? slot : s)) }))
  return (
    <section className="box" aria-labelledby="images-title">
      <h2 id="images-title">Images</h2>
      <fieldset className={`formats-field${issues.imageFormats ? ' invalid' : ''}`}>
        <legend>Formats made for every image size</legend>
        {IMAGE_OUTPUT_FORMATS.map((format) => (
          <label key={format} className="check-label">
            <input
              type="checkbox"
              checked={config.imageFormats.includes(format)}
              onChange={(e) =>
                change('imageFormats', (c) => ({
                  ...c,
                  imageFormats: e.target.checked
                    ? IMAGE_OUTPUT_FORMATS.filter((f) => f === format || c.imageFormats.includes(f))
                    : c.imageFormats.filter((f) => f !== format),
                }))
              }
            />
            {FORMAT_LABEL[format]}
          </label>
        ))}
        {issues.imageFormats && (
          <span className="field-error" data-testid="field-error">
            {issues.imageFormats}
          </span>
        )}
      </fieldset>
      <NumberField
        label="AVIF effort"
        hint="0 is fastest, 9 makes the smallest files; 3 matches Wagtail."
        value={config.avifEffort}
        error={issues.avifEffort}
        onChange={(v) => change('avifEffort', (c) => ({ ...c, avifEffort: v }))}
      />
      <h3>Regular image slots</h3>
      <p className="muted small">
        The boxes a post’s images are laid out in; sizes are made for each at 1×, 2× and 3×.
      </p>
      {config.regularSlots.map((slot, i) => (
        <SlotRow
          // biome-ignore lint/suspicious/noArrayIndexKey: slots have no identity but their place.
          key={i}
          label={`Slot ${i + 1}`}
          slot={slot}
          path={`regularSlots.${i}`}
          issues={issues}
          onChange={(s) => setSlot('regularSlots', i, s)}
          onRemove={
            config.regularSlots.length > 1
              ? () =>
                  change('regularSlots', (c) => ({
                    ...c,
                    regularSlots: c.regularSlots.filter((_, j) => j !== i),
                  }))
              : undefined
          }
        />
      ))}
      <button
        type="button"
        onClick={() =>
          change('regularSlots', (c) => ({ ...c, regularSlots: [...c.regularSlots, [800, 600] as Slot] }))
        }
      >
        Add a slot
      </button>
      <h3 className="spaced">Gallery slots</h3>
      <SlotRow
        label="Large view"
        slot={config.gallerySlots[0] ?? [1110, 740]}
        path="gallerySlots.0"
        issues={issues}
        onChange={(s) => setSlot('gallerySlots', 0, s)}
      />
      <SlotRow
        label="Thumbnail"
        slot={config.gallerySlots[1] ?? [120, 80]}
        path="gallerySlots.1"
        issues={issues}
        onChange={(s) => setSlot('gallerySlots', 1, s)}
      />
      <CheckField
        label="Convert gallery thumbnails to sRGB"
        checked={config.galleryThumbnailSrgb}
        onChange={(v) => change('galleryThumbnailSrgb', (c) => ({ ...c, galleryThumbnailSrgb: v }))}
      />
    </section>
  )
}
