import { useEffect, useRef, useState } from 'react'
import type { BlockInput, EpisodeInfo, EpisodeType, PodcastPerson } from '../../../../shared/api/podcasts.api'
import { messageOf, requireClient } from '../../lib/client'
import { mediaUrl, previewUrl } from '../../lib/media-url'
import { BlockList, type DraftBlock } from './BlockList'
import { MediaPicker } from './MediaPicker'
import { PeopleFields, peopleInput } from './PeopleFields'

interface Props {
  /** The episode being edited, or null for a new one. */
  episode: EpisodeInfo | null
  onSaved: (episode: EpisodeInfo) => void
}

interface Draft {
  title: string
  slug: string
  /** `datetime-local` value (local time); empty is a draft. */
  published: string
  audio: number | null
  cover: number | null
  season: string
  number: string
  type: EpisodeType
  persons: PodcastPerson[]
  blocks: DraftBlock[]
}

/** An episode's fields and body of blocks, saved through episodes.create/update, with a preview of its page. */
export function EpisodeEditor({ episode, onSaved }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(episode))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const previewRef = useRef<HTMLElement>(null)
  // Brought into view when opened: Chromium does not draw a frame of another site out of view, so
  // the player would wait there half-started (its poster's fade, for one) until scrolled to.
  useEffect(() => {
    if (preview !== null) previewRef.current?.scrollIntoView({ block: 'nearest' })
  }, [preview])
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const save = async (): Promise<EpisodeInfo | null> => {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      const fields = inputOf(draft)
      const client = requireClient()
      const saved = episode
        ? await client.call('episodes.update', { id: episode.id, ...fields })
        : await client.call('episodes.create', fields)
      setNotice(`Saved${saved.renditions_queued ? `; ${saved.renditions_queued} renditions queued` : ''}.`)
      setDraft(draftOf(saved))
      onSaved(saved)
      return saved
    } catch (e) {
      setError(messageOf(e))
      return null
    } finally {
      setBusy(false)
    }
  }

  const showPreview = async () => {
    const saved = await save()
    if (!saved) return
    try {
      const page = await requireClient().call('episodes.preview', { id: saved.id, mediaBase: mediaUrl('') })
      setPreview(previewUrl(page.path))
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <section className="episode-editor" aria-label="Episode editor">
      <div className="episode-fields">
        <label>
          Title <input value={draft.title} onChange={(e) => set('title', e.target.value)} />
        </label>
        <label>
          Slug{' '}
          <input
            value={draft.slug}
            placeholder="from the title"
            onChange={(e) => set('slug', e.target.value)}
          />
        </label>
        <label>
          Published{' '}
          <input
            type="datetime-local"
            value={draft.published}
            onChange={(e) => set('published', e.target.value)}
          />
        </label>
        <div className="field">
          <span>Episode audio</span>
          <MediaPicker
            type="audio"
            optional
            label="Episode audio"
            value={draft.audio}
            onChange={(v) => set('audio', v)}
          />
        </div>
        <div className="field">
          <span>Cover</span>
          <MediaPicker
            type="image"
            optional
            label="Episode cover"
            value={draft.cover}
            onChange={(v) => set('cover', v)}
          />
        </div>
        <label>
          Season{' '}
          <input inputMode="numeric" value={draft.season} onChange={(e) => set('season', e.target.value)} />
        </label>
        <label>
          Number{' '}
          <input inputMode="numeric" value={draft.number} onChange={(e) => set('number', e.target.value)} />
        </label>
        <label>
          Type{' '}
          <select value={draft.type} onChange={(e) => set('type', e.target.value as EpisodeType)}>
            <option value="full">full</option>
            <option value="trailer">trailer</option>
            <option value="bonus">bonus</option>
          </select>
        </label>
      </div>
      <PeopleFields
        label="Guests"
        newRole="guest"
        people={draft.persons}
        onChange={(persons) => set('persons', persons)}
      />
      <BlockList blocks={draft.blocks} onChange={(blocks) => set('blocks', blocks)} />
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={save}>
          {busy ? 'Saving…' : 'Save episode'}
        </button>
        <button type="button" disabled={busy} onClick={showPreview}>
          Preview
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && <p className="muted">{notice}</p>}
      {preview !== null && (
        <article ref={previewRef} className="episode-preview" aria-label="Preview of the episode page">
          {/* The published page and its player's scripts, on an origin of their own: never the app's. */}
          <iframe sandbox="allow-scripts allow-same-origin" src={preview} title="Episode page preview" />
        </article>
      )}
    </section>
  )
}

function draftOf(episode: EpisodeInfo | null): Draft {
  return {
    title: episode?.title ?? '',
    slug: episode?.slug ?? '',
    published: episode?.published ? localInput(episode.published) : '',
    audio: episode?.audio ?? null,
    cover: episode?.cover ?? null,
    season: episode?.season ? String(episode.season) : '',
    number: episode?.number ? String(episode.number) : '',
    type: episode?.type ?? 'full',
    persons: episode?.persons ?? [],
    blocks: (episode?.body ?? []).map((block) =>
      block.type === 'gallery' ? { id: block.id, type: 'gallery', images: block.images } : block,
    ),
  }
}

function inputOf(draft: Draft) {
  const whole = (text: string) => (text.trim() === '' ? null : Number(text))
  return {
    title: draft.title,
    ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    published: draft.published ? new Date(draft.published).toISOString() : null,
    audio: draft.audio,
    cover: draft.cover,
    season: whole(draft.season),
    number: whole(draft.number),
    type: draft.type,
    persons: peopleInput(draft.persons),
    body: draft.blocks as BlockInput[],
  }
}

/** A UTC ISO time as a `datetime-local` value in local time. */
function localInput(iso: string): string {
  const date = new Date(iso)
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 16)
}
