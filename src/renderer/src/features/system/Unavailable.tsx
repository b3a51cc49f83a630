/** What a screen shows when its operation is refused (browser mode offers only per-user operations). */
export function Unavailable({ error, what }: { error: string; what: string }) {
  return (
    <div className="notice">
      <p>
        <strong>{what} is not available here.</strong> {error}
      </p>
      <p className="muted">
        Library-wide operations run in the Castdesk desktop app or on the command line (for example{' '}
        <code>castdesk doctor</code>, <code>castdesk sync --dry-run</code>).
      </p>
    </div>
  )
}
