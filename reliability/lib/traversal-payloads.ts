/**
 * Path-traversal payloads, each as it is written after `/media/` in a URL (percent-encoded where
 * a raw character could not travel) — for the HTTP route, the `castdesk-media://` handler, and,
 * decoded, as storage keys. Most aim at the library database beside the media folder.
 */
export const TRAVERSAL_PAYLOADS: readonly string[] = [
  '../library.sqlite',
  '../../../../../../etc/passwd',
  '..%2flibrary.sqlite',
  '..%2Flibrary.sqlite',
  '%2e%2e/library.sqlite',
  '%2e%2e%2flibrary.sqlite',
  '%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '..%252flibrary.sqlite',
  '....//library.sqlite',
  '..\\library.sqlite',
  '..%5clibrary.sqlite',
  '%2fetc%2fpasswd',
  '/etc/passwd',
  '//etc/passwd',
  'cast_files/../../library.sqlite',
  'cast_files/%2e%2e/%2e%2e/library.sqlite',
  'cast_files/./../library.sqlite',
  'cast_files/..%00/library.sqlite',
  'library.sqlite%00.jpg',
  '%c0%ae%c0%ae/library.sqlite',
  '..%c0%af..%c0%afetc/passwd',
  '%EF%BC%8E%EF%BC%8E/library.sqlite',
  '%EF%BC%8E%EF%BC%8E%EF%BC%8Flibrary.sqlite',
  '..;/library.sqlite',
  'C:%5cWindows%5cwin.ini',
  'C:/Windows/win.ini',
  '%5c%5cserver%5cshare%5cx',
  'file:%2f%2f%2fetc%2fpasswd',
  '.castdesk-tmp/..%2f..%2flibrary.sqlite',
  'cast_files/link-out/passwd',
  '%0d%0aSet-Cookie:%20x=1',
  `${'../'.repeat(60)}etc/passwd`,
]

/** The payload as a storage key: percent-decoded where it decodes, else as written. */
export function asKey(payload: string): string {
  try {
    return decodeURIComponent(payload)
  } catch {
    return payload
  }
}

/** What must never appear in an answer: the database, /etc/passwd, the planted secrets. */
export const LEAK_MARKERS = ['SQLite format 3', 'root:x:0:0', 'castdesk-secret-marker']
