import { useState } from 'react'
import type { PodcastInfo } from '../../../../shared/api/podcasts.api'
import { APPLE_CATEGORIES } from '../../../../shared/apple-categories'
import { messageOf, requireClient } from '../../lib/client'
import { FundingFields, fundingInput } from './FundingFields'
import { MediaPicker } from './MediaPicker'
import { PeopleFields, peopleInput } from './PeopleFields'

/** Apple's categories, each followed by its subcategories ("Arts", "Arts > Food", …). */
const CATEGORY_OPTIONS = Object.entries(APPLE_CATEGORIES).flatMap(([category, subs]) => [
  category,
  ...subs.map((sub) => `${category} > ${sub}`),
])

/** Creates the podcast, or edits its feed details (title, language, category, owner, cover, base URL). */
export function PodcastForm({
  podcast,
  onSaved,
}: {
  podcast: PodcastInfo | null
  onSaved: (p: PodcastInfo) => void
}) {
  const [fields, setFields] = useState({
    title: podcast?.title ?? '',
    subtitle: podcast?.subtitle ?? '',
    description: podcast?.description ?? '',
    language: podcast?.language ?? 'en',
    category: podcast?.category ?? '',
    author: podcast?.author ?? '',
    ownerName: podcast?.owner_name ?? '',
    ownerEmail: podcast?.owner_email ?? '',
    baseUrl: podcast?.base_url ?? '',
    explicit: podcast?.explicit ?? false,
    cover: podcast?.cover ?? null,
    persons: podcast?.persons ?? [],
    funding: podcast?.funding ?? [],
    locked: podcast?.locked ?? null,
  })
  const [error, setError] = useState<string | null>(null)
  type TextField = Exclude<keyof typeof fields, 'explicit' | 'cover' | 'persons' | 'funding' | 'locked'>
  const text = (key: TextField, label: string) => (
    <label>
      {label}{' '}
      <input value={fields[key]} onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  )
  const save = async () => {
    setError(null)
    const { baseUrl, persons, funding, ...rest } = fields
    const input = {
      ...rest,
      persons: peopleInput(persons),
      funding: fundingInput(funding),
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
    }
    try {
      const client = requireClient()
      onSaved(podcast ? await client.call('podcast.update', input) : await client.call('podcast.init', input))
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <form
      className="podcast-form"
      aria-label="Podcast"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      {text('title', 'Title')}
      {text('subtitle', 'Subtitle')}
      <label className="wide">
        Description{' '}
        <textarea
          rows={4}
          value={fields.description}
          onChange={(e) => setFields((f) => ({ ...f, description: e.target.value }))}
        />
      </label>
      {text('language', 'Language')}
      <label>
        Category{' '}
        <select
          value={fields.category}
          onChange={(e) => setFields((f) => ({ ...f, category: e.target.value }))}
        >
          <option value="">(none)</option>
          {fields.category && !CATEGORY_OPTIONS.includes(fields.category) && (
            <option value={fields.category}>{fields.category} (not Apple's)</option>
          )}
          {CATEGORY_OPTIONS.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </label>
      {text('author', 'Author')}
      {text('ownerName', 'Owner name')}
      {text('ownerEmail', 'Owner e-mail')}
      {text('baseUrl', 'Base URL')}
      <div className="field">
        <span>Cover</span>
        <MediaPicker
          type="image"
          optional
          label="Podcast cover"
          value={fields.cover}
          onChange={(cover) => setFields((f) => ({ ...f, cover }))}
        />
      </div>
      <label className="check-label">
        <input
          type="checkbox"
          checked={fields.explicit}
          onChange={(e) => setFields((f) => ({ ...f, explicit: e.target.checked }))}
        />{' '}
        Explicit
      </label>
      <div className="wide">
        <PeopleFields
          label="Hosts"
          newRole="host"
          people={fields.persons}
          onChange={(persons) => setFields((f) => ({ ...f, persons }))}
        />
      </div>
      <div className="wide">
        <FundingFields
          funding={fields.funding}
          locked={fields.locked}
          onFunding={(funding) => setFields((f) => ({ ...f, funding }))}
          onLocked={(locked) => setFields((f) => ({ ...f, locked }))}
        />
      </div>
      <div className="row">
        <button type="submit" className="primary">
          {podcast ? 'Save podcast' : 'Create podcast'}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
