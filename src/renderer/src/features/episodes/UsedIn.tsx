import { useCall } from '../../lib/use-call'

/** Where a media item is used: the episodes whose body, audio or cover point at it. */
export function UsedIn({ mediaId }: { mediaId: number }) {
  const usage = useCall('episodes.usage', { mediaId })
  if (!usage.data) return null
  return (
    <section className="used-in" aria-label="Used in">
      <h3>Used in</h3>
      {usage.data.length === 0 ? (
        <p className="muted">No episode uses it.</p>
      ) : (
        <ul>
          {usage.data.map((use) => (
            <li key={use.episode}>
              {use.title} <span className="muted">({use.roles.join(', ')})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
