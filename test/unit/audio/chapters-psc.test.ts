import { describe, expect, it } from 'vitest'
import { parse, serialize } from '../../../src/main/media/audio/chapters/psc.codec'
import { errorMessage } from './expect-error'

const EXAMPLE = `<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">
  <psc:chapter start="00:00:00.000" title="Hello"/>
  <psc:chapter start="00:03:05.500" title="Flour" href="https://example.org/flour" image="https://example.org/flour.jpg"/>
</psc:chapters>`

describe('Podlove Simple Chapters codec', () => {
  it('parses the formats.md example', () => {
    expect(parse(EXAMPLE)).toEqual([
      { startMs: 0, title: 'Hello', link: null, image: null },
      {
        startMs: 185_500,
        title: 'Flour',
        link: 'https://example.org/flour',
        image: 'https://example.org/flour.jpg',
      },
    ])
  })

  it('serializes with the namespace, sorted', () => {
    const text = serialize([
      {
        startMs: 185_500,
        title: 'Flour',
        link: 'https://example.org/flour',
        image: 'https://example.org/flour.jpg',
      },
      { startMs: 0, title: 'Hello', link: null, image: null },
    ])
    expect(text).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n${EXAMPLE}\n`)
    expect(serialize([], { declaration: false })).toBe(
      '<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">\n</psc:chapters>\n',
    )
  })

  it('escapes what XML needs and reads it back', () => {
    const chapters = [
      {
        startMs: 1,
        title: 'Salt & "pepper" <b>bold</b> \'quoted\' Grüße 👋',
        link: 'https://example.org/?a=1&b=2',
        image: null,
      },
    ]
    const text = serialize(chapters)
    expect(text).toContain(
      'title="Salt &amp; &quot;pepper&quot; &lt;b&gt;bold&lt;/b&gt; \'quoted\' Grüße 👋" href="https://example.org/?a=1&amp;b=2"',
    )
    expect(parse(text)).toEqual(chapters)
  })

  it('decodes character references once and reads NPT starts', () => {
    const text =
      '<chapters xmlns="http://podlove.org/simple-chapters"><chapter start="3.5" title="&#228;&#x1F44B; &amp;lt;"/><chapter start="1:00" title="x" href=""/></chapters>'
    expect(parse(text)).toEqual([
      { startMs: 3500, title: 'ä👋 &lt;', link: null, image: null },
      { startMs: 60_000, title: 'x', link: null, image: null },
    ])
  })

  it('finds the chapters inside a feed item', () => {
    const feed = `<?xml version="1.0"?>
<rss xmlns:psc="http://podlove.org/simple-chapters"><channel><item><title>KR012</title>
${EXAMPLE}
</item></channel></rss>`
    expect(parse(feed).map((c) => c.title)).toEqual(['Hello', 'Flour'])
  })

  it('names the line of a bad start time', () => {
    const text = EXAMPLE.replace('00:03:05.500', '00:61:05')
    expect(errorMessage('invalid_chapters', () => parse(text))).toBe(
      "Line 3: chapter 2 has a start time '00:61:05' that is not a valid time (expected HH:MM:SS or HH:MM:SS.mmm).",
    )
  })

  it('names a missing title or start', () => {
    const noTitle = EXAMPLE.replace(' title="Hello"', '')
    expect(errorMessage('invalid_chapters', () => parse(noTitle))).toBe(
      'Line 2: chapter 1 has no title attribute.',
    )
    const noStart = EXAMPLE.replace(' start="00:03:05.500"', '')
    expect(errorMessage('invalid_chapters', () => parse(noStart))).toBe(
      'Line 3: chapter 2 has no start attribute.',
    )
  })

  it('reports broken XML with its line', () => {
    const broken = '<psc:chapters>\n<psc:chapter start="0" title="a">\n</psc:chapters>'
    expect(errorMessage('invalid_chapters', () => parse(broken))).toMatch(
      /^Line 3: the Podlove Simple Chapters XML is broken \(.+\)\.$/,
    )
  })

  it('refuses an external entity (XXE) as a chapter error, reading no local file', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      '<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">' +
      '<psc:chapter start="00:00:00.000" title="&xxe;"/></psc:chapters>'
    expect(errorMessage('invalid_chapters', () => parse(xxe))).toMatch(
      /^The Podlove Simple Chapters XML cannot be read \(.+\)\. Remove any DOCTYPE or entity declarations and try again\.$/,
    )
  })

  it('rejects XML without chapters, and empty input', () => {
    expect(errorMessage('invalid_chapters', () => parse('<rss><channel/></rss>'))).toBe(
      'This XML has no <psc:chapters> element with chapters (namespace http://podlove.org/simple-chapters), so it is not a Podlove Simple Chapters file.',
    )
    expect(errorMessage('invalid_chapters', () => parse(''))).toBe(
      'The Podlove Simple Chapters chapter file is empty; it needs at least one chapter.',
    )
  })

  it('handles 10,000 chapters', () => {
    const chapters = Array.from({ length: 10_000 }, (_, i) => ({
      startMs: i * 1500,
      title: `Part ${i} & more`,
      link: null,
      image: i % 3 === 0 ? `https://example.org/${i}.jpg` : null,
    }))
    expect(parse(serialize(chapters))).toEqual(chapters)
  })
})
