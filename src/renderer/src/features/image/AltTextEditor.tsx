import { useState } from 'react'
import type { ImageItem } from '../../../../shared/media'
import { messageOf, requireClient } from '../../lib/client'

/** The alt text every `<picture>` of this image carries: what a screen reader says. */
export function AltTextEditor({ item, onChanged }: { item: ImageItem; onChanged: () => void }) {
  const [text, setText] = useState(item.alt_text)
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null)
  const save = async () => {
    try {
      await requireClient().call('media.update', { id: item.id, alt_text: text })
      setState({ ok: true, text: 'Alt text saved.' })
      onChanged()
    } catch (e) {
      setState({ ok: false, text: messageOf(e) })
    }
  }
  return (
    <section className="section">
      <label className="field">
        <span>Alt text</span>
        <textarea
          rows={2}
          value={text}
          placeholder="Describe the picture for listeners who cannot see it"
          onChange={(e) => {
            setText(e.target.value)
            setState(null)
          }}
        />
      </label>
      <div className="row">
        <button type="button" onClick={save} disabled={text === item.alt_text}>
          Save alt text
        </button>
        {state && (
          <span className={state.ok ? 'ok' : 'error'} role={state.ok ? 'status' : 'alert'}>
            {state.text}
          </span>
        )}
      </div>
    </section>
  )
}
