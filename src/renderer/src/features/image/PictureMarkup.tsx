import { useEffect, useRef, useState } from 'react'
import type { PictureInfo } from '../../../../shared/api/images.api'
import { mediaUrl, renditionKey } from '../../lib/media-url'
import { useCall } from '../../lib/use-call'

type Slot = 'regular' | 'gallery'

/** What a page gets: the planned renditions per format, a live `<picture>`, and its markup to copy. */
export function PictureMarkup({ id, alt, version }: { id: number; alt: string; version: number }) {
  const [slot, setSlot] = useState<Slot>('regular')
  const picture = useCall('images.picture', { id, slot })
  const [copied, setCopied] = useState(false)
  // A new focal point (version) changes the crops: ask again.
  const seen = useRef(version)
  const { reload } = picture
  useEffect(() => {
    if (seen.current === version) return
    seen.current = version
    reload()
  }, [version, reload])

  const copy = async (html: string) => {
    await navigator.clipboard.writeText(html)
    setCopied(true)
    setTimeout(() => setCopied(false), 2000)
  }

  return (
    <section className="section">
      <header className="section-head">
        <h3>Responsive picture</h3>
        <fieldset className="segmented small">
          <legend className="visually-hidden">Slot</legend>
          {(['regular', 'gallery'] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={slot === s}
              className={slot === s ? 'on' : ''}
              onClick={() => setSlot(s)}
            >
              {s === 'regular' ? 'Regular' : 'Gallery'}
            </button>
          ))}
        </fieldset>
      </header>
      {picture.loading && !picture.data && <p className="muted">Making renditions…</p>}
      {picture.error && <p className="error">{picture.error}</p>}
      {picture.data && <PictureView info={picture.data} alt={alt} />}
      {picture.data && (
        <div className="row">
          <button type="button" onClick={() => copy(picture.data?.html ?? '')}>
            {copied ? 'Copied' : 'Copy markup'}
          </button>
          <span className="muted small">
            {picture.data.specs.length} renditions · shown at {picture.data.width}×{picture.data.height}
          </span>
        </div>
      )}
    </section>
  )
}

const FALLBACK_ORDER = ['jpeg', 'png', 'webp', 'avif']
const SOURCE_ORDER = ['avif', 'webp', 'jpeg', 'png']
const rank = (order: string[], format: string) =>
  order.includes(format) ? order.indexOf(format) : order.length

function PictureView({ info, alt }: { info: PictureInfo; alt: string }) {
  const srcset = (entries: { url: string; width: number }[]) =>
    entries.map((e) => `${mediaUrl(renditionKey({ path: null, url: e.url }))} ${e.width}w`).join(', ')
  // As the markup builder does: the <img> falls back to JPEG, else PNG, WebP, AVIF; the others are <source>s.
  const usable = info.sources.filter((s) => s.src !== null || s.srcset.length > 0)
  const fallback = [...usable].sort(
    (a, b) => rank(FALLBACK_ORDER, a.format) - rank(FALLBACK_ORDER, b.format),
  )[0]
  const others = usable
    .filter((s) => s !== fallback && s.srcset.length > 0)
    .sort((a, b) => rank(SOURCE_ORDER, a.format) - rank(SOURCE_ORDER, b.format))
  return (
    <>
      <picture className="picture-preview">
        {others.map((s) => (
          <source key={s.format} type={`image/${s.format}`} srcSet={srcset(s.srcset)} sizes={info.sizes} />
        ))}
        {fallback && (
          <img
            src={fallback.src ? mediaUrl(renditionKey({ path: null, url: fallback.src })) : undefined}
            srcSet={srcset(fallback.srcset)}
            sizes={info.sizes}
            width={info.width}
            height={info.height}
            alt={alt}
          />
        )}
      </picture>
      <table className="formats renditions" data-testid="renditions">
        <tbody>
          {info.sources.map((s) => (
            <tr key={s.format}>
              <th scope="row">{s.format.toUpperCase()}</th>
              <td>{s.srcset.map((e) => `${e.width}w`).join(' · ') || 'original'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
