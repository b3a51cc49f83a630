/**
 * The storage key a media URL's path names (`a/b%20c.mp3` → `a/b c.mp3`), or null when the path
 * cannot name a stored file: empty segments, `.` or `..`, separators or NUL hidden in an escape,
 * or an escape that does not decode. Pure: the ownership check comes after, in `media.file`.
 */
export function keyFromMediaPath(path: string): string | null {
  const segments = path.replace(/^\/+/, '').split('/')
  const decoded: string[] = []
  for (const segment of segments) {
    let part: string
    try {
      part = decodeURIComponent(segment)
    } catch {
      return null
    }
    if (part === '' || part === '.' || part === '..' || /[\\/\0]/.test(part)) return null
    decoded.push(part)
  }
  const key = decoded.join('/')
  return key.length > 0 && key.length <= 1024 ? key : null
}
