/** What a screen shows when its operation is refused (over HTTP, library-wide ones need the owner session). */
export function Unavailable({ error, what }: { error: string; what: string }) {
  return (
    <div className="notice">
      <p>
        <strong>{what} is not available here.</strong> {error}
      </p>
      <p className="muted">
        Library-wide operations (storages, sync, setup check, settings) are open to the library’s owner: in
        the Castdesk desktop app, on the command line (for example <code>castdesk doctor</code>,{' '}
        <code>castdesk sync --dry-run</code>), or in this browser after opening the one-time link{' '}
        <code>castdesk serve</code> printed. A session started with an API token sees only its own items.
      </p>
    </div>
  )
}
