import type { PodcastFunding, PodcastLock } from '../../../../shared/api/podcasts.api'
import { ListFields } from './ListFields'

/** `podcast:funding` links (where listeners support the show) and `podcast:locked`. */
export function FundingFields({
  funding,
  locked,
  onFunding,
  onLocked,
}: {
  funding: PodcastFunding[]
  locked: PodcastLock | null
  onFunding: (funding: PodcastFunding[]) => void
  onLocked: (locked: PodcastLock | null) => void
}) {
  const state = locked === null ? '' : locked.locked ? 'yes' : 'no'
  return (
    <>
      <ListFields
        label="Funding"
        rowLabel="Funding link"
        items={funding}
        onChange={onFunding}
        blank={() => ({ url: '', text: '' })}
        addLabel="Add a funding link"
        row={(link, edit) => (
          <>
            <input
              aria-label="Funding URL"
              placeholder="https://…"
              value={link.url}
              onChange={(e) => edit({ url: e.target.value })}
            />
            <input
              aria-label="Funding text"
              placeholder="Support the show"
              value={link.text}
              onChange={(e) => edit({ text: e.target.value })}
            />
          </>
        )}
      />
      <label>
        Locked{' '}
        <select
          value={state}
          onChange={(e) =>
            onLocked(
              e.target.value === '' ? null : { locked: e.target.value === 'yes', owner: locked?.owner ?? '' },
            )
          }
        >
          <option value="">(no tag)</option>
          <option value="yes">yes: other platforms may not import the show</option>
          <option value="no">no</option>
        </select>
      </label>
      {locked && (
        <label>
          Lock owner e-mail{' '}
          <input
            type="email"
            placeholder="the owner e-mail"
            value={locked.owner}
            onChange={(e) => onLocked({ ...locked, owner: e.target.value })}
          />
        </label>
      )}
    </>
  )
}

/** Links as the contract takes them: empty rows left out. */
export function fundingInput(funding: readonly PodcastFunding[]): PodcastFunding[] {
  return funding.filter((f) => f.url.trim() !== '').map((f) => ({ url: f.url.trim(), text: f.text.trim() }))
}
