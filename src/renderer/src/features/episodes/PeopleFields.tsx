import type { PodcastPerson } from '../../../../shared/api/podcasts.api'

/** Common roles of the Podcast Taxonomy Project; a role from the feed outside this list is kept. */
const ROLES = ['host', 'co-host', 'guest', 'guest host', 'producer', 'editor', 'announcer', 'composer']

/**
 * `podcast:person` rows (name, role, picture, page): the podcast's hosts or an episode's guests.
 * Listeners' apps show them with the show or the episode.
 */
export function PeopleFields({
  label,
  people,
  newRole,
  onChange,
}: {
  label: string
  people: PodcastPerson[]
  /** The role a new row starts with. */
  newRole: 'host' | 'guest'
  onChange: (people: PodcastPerson[]) => void
}) {
  const edit = (index: number, patch: Partial<PodcastPerson>) =>
    onChange(people.map((person, i) => (i === index ? { ...person, ...patch } : person)))
  return (
    <fieldset className="list-fields" aria-label={label}>
      <legend>{label}</legend>
      {people.length === 0 && <p className="muted">Nobody yet.</p>}
      {people.map((person, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <fieldset className="list-row" key={index} aria-label={`Person ${index + 1}`}>
          <input
            aria-label="Name"
            placeholder="Name"
            value={person.name}
            onChange={(e) => edit(index, { name: e.target.value })}
          />
          <select
            aria-label="Role"
            value={person.role}
            onChange={(e) => edit(index, { role: e.target.value })}
          >
            {!ROLES.includes(person.role) && <option value={person.role}>{person.role}</option>}
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <input
            aria-label="Picture URL"
            placeholder="Picture URL (optional)"
            value={person.img}
            onChange={(e) => edit(index, { img: e.target.value })}
          />
          <input
            aria-label="Page URL"
            placeholder="Page URL (optional)"
            value={person.href}
            onChange={(e) => edit(index, { href: e.target.value })}
          />
          <button type="button" onClick={() => onChange(people.filter((_, i) => i !== index))}>
            Remove
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => onChange([...people, { name: '', role: newRole, group: 'cast', img: '', href: '' }])}
      >
        Add {newRole === 'host' ? 'a host' : 'a guest'}
      </button>
    </fieldset>
  )
}

/** Rows as the contract takes them: empty names left out, URLs trimmed. */
export function peopleInput(people: readonly PodcastPerson[]): PodcastPerson[] {
  return people
    .filter((p) => p.name.trim() !== '')
    .map((p) => ({ ...p, name: p.name.trim(), img: p.img.trim(), href: p.href.trim() }))
}
