import { describe, expect, it } from 'vitest'
import { durationString, podcastGuid, pscStart, rfc2822, uuidV5 } from '../../../src/main/publish/feed-values'
import { renderMarkdown } from '../../../src/main/publish/markdown'
import { slugify } from '../../../src/shared/slug'

describe('feed values', () => {
  it('podcast:guid is the UUIDv5 of the feed URL without scheme and trailing slash (Podcasting 2.0 example)', () => {
    expect(podcastGuid('https://podnews.net/rss')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c')
    expect(podcastGuid('http://podnews.net/rss/')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c')
  })

  it('uuidV5 matches RFC 4122 for the DNS namespace', () => {
    // python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    )
  })

  it('formats RFC 2822 dates in UTC', () => {
    expect(rfc2822('2024-03-01T08:30:00.000Z')).toBe('Fri, 01 Mar 2024 08:30:00 +0000')
    expect(rfc2822('2026-12-31T23:59:59.999Z')).toBe('Thu, 31 Dec 2026 23:59:59 +0000')
  })

  it("writes django-cast's duration_str: fraction dropped, hours not padded", () => {
    expect(durationString(4_220_999)).toBe('1:10:20')
    expect(durationString(5_000)).toBe('0:00:05')
    expect(durationString(0)).toBe('0:00:00')
  })

  it('writes PSC starts with milliseconds only when there are some', () => {
    expect(pscStart(0)).toBe('00:00:00')
    expect(pscStart(185_500)).toBe('00:03:05.500')
    expect(pscStart(3_600_007)).toBe('01:00:00.007')
  })
})

describe('markdown of paragraph blocks', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('Hello **world**, see [docs](https://example.org/a?b=1&c=2)')).toBe(
      '<p>Hello <strong>world</strong>, see <a href="https://example.org/a?b=1&amp;c=2">docs</a></p>\n',
    )
  })

  it('never lets user text inject HTML or script', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](data:text/html;base64,PHNjcmlwdD4=)',
    )
    expect(html).not.toMatch(/<script|<img|href="javascript|href="data:/i)
    expect(html).toContain('&lt;script&gt;')
  })
})

describe('slugify', () => {
  it('folds accents, lower-cases and joins words with hyphens', () => {
    expect(slugify('KR012: Sauerteig – Brötchen & Brot!')).toBe('kr012-sauerteig-brotchen-brot')
    expect(slugify('   ')).toBe('episode')
  })
})
