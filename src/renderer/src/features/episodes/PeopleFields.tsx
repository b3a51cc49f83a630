import type { PodcastPerson } from '../../../../shared/api/podcasts.api'
import { ListFields } from './ListFields'

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
  return (
    <ListFields
      label={label}
      rowLabel="Person"
      items={people}
      onChange={onChange}
      blank={() => ({ name: '', role: newRole, group: 'cast', img: '', href: '' })}
      addLabel={`Add ${newRole === 'host' ? 'a host' : 'a guest'}`}
      empty="Nobody yet."
      row={(person, edit) => (
        <>
          <input
            aria-label="Name"
            placeholder="Name"
            value={person.name}
            onChange={(e) => edit({ name: e.target.value })}
          />
          <select aria-label="Role" value={person.role} onChange={(e) => edit({ role: e.target.value })}>
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
            onChange={(e) => edit({ img: e.target.value })}
          />
          <input
            aria-label="Page URL"
            placeholder="Page URL (optional)"
            value={person.href}
            onChange={(e) => edit({ href: e.target.value })}
          />
        </>
      )}
    />
  )
}

/** Rows as the contract takes them: empty names left out, URLs trimmed. */
export function peopleInput(people: readonly PodcastPerson[]): PodcastPerson[] {
  return people
    .filter((p) => p.name.trim() !== '')
    .map((p) => ({ ...p, name: p.name.trim(), img: p.img.trim(), href: p.href.trim() }))
}
