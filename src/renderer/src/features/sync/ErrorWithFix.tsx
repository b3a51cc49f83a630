/** Errors a person fixes outside Castdesk: what to check, beyond the engine's own message. */
const FIXES: Record<string, string> = {
  storage_denied:
    'Check the storage’s keys (environment variables or the desktop keychain) and that they may write to the bucket.',
  storage_unreachable: 'Check the storage’s endpoint in Settings → Storages, and your connection.',
  storage_error: 'Try again; if it keeps failing, check the storage’s settings and its provider’s status.',
  invalid_config: 'Add or fix the storage in Settings → Storages.',
  disk_full: 'Free up space on that disk, then sync again.',
}

export function fixFor(code: string): string | undefined {
  return FIXES[code]
}

/** An operation's error: its message (which says what happened) and, where we know it, the fix. */
export function ErrorWithFix({ message, code }: { message: string; code: string }) {
  const fix = fixFor(code)
  return (
    <div className="error-box" role="alert">
      <p>
        <strong>{message}</strong>
      </p>
      {fix && <p>{fix}</p>}
    </div>
  )
}
