/**
 * Paths that try to leave a media root or reach another library file, written as they would
 * arrive after `/media/` or `castdesk-media://media/` (already URL-encoded where they say so).
 */
export const TRAVERSAL_PAYLOADS: readonly string[] = [
  '../library.sqlite',
  '../../library.sqlite',
  '..%2Flibrary.sqlite',
  '..%2F..%2Flibrary.sqlite',
  '%2E%2E/library.sqlite',
  '%2e%2e%2flibrary.sqlite',
  '..%5Clibrary.sqlite',
  '..\\library.sqlite',
  'original_images/..%2F..%2Flibrary.sqlite',
  'original_images/%2E%2E/%2E%2E/castdesk.config.json',
  '%252E%252E%252Flibrary.sqlite',
  '..%c0%af..%c0%aflibrary.sqlite',
  '%2Fetc%2Fpasswd',
  '/etc/passwd',
  '//etc/passwd',
  'C:%5CWindows%5Cwin.ini',
  'original_images/x.png%00.txt',
  'original_images/%00',
  './library.sqlite',
  'original_images/./../library.sqlite',
  'library.sqlite',
  'castdesk.config.json',
  '.staging/../library.sqlite',
  '%2e%2e%5c%2e%2e%5clibrary.sqlite',
]
