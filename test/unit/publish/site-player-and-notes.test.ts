import { createRequire } from 'node:module'
import { parseFeed } from 'podcast-partytime'
import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  knowsPlayerVersion,
  playerScriptHashes,
} from '../../../src/main/publish/page-csp'
import { podcastFeed } from '../../../src/main/publish/podcast-feed'
import { showNotes } from '../../../src/main/publish/show-notes'
import { siteFiles } from '../../../src/main/publish/site-files'
import { danglingReferences, pageReferences } from '../../../src/main/publish/site-references'
import { audio, episode, picture, podcast } from './site-fixture'

const installed = (createRequire(import.meta.url)('@podlove/web-player/package.json') as { version: string })
  .version

describe('the self-hosted player in the site (pure)', () => {
  const site = siteFiles(podcast, [episode()], { playerVersion: installed })
  const page = site.files.get('kr012-sourdough/index.html') as string

  it('knows the frame-script hashes of the installed Podlove Web Player (update page-csp.ts on an upgrade)', () => {
    expect(knowsPlayerVersion(installed)).toBe(true)
  })

  it('adds the config and the starter, and the page starts the player from the site’s own files', () => {
    expect(site.usesPlayer).toBe(true)
    expect(JSON.parse(site.files.get('assets/podlove/config.json') as string)).toMatchObject({ version: 5 })
    expect(site.files.get('assets/podlove/castdesk-player.js')).toContain('window.podlovePlayer(')
    expect(page).toContain(
      `<podlove-player data-variant="xl" data-url="podlove.json" data-config="../assets/podlove/config.json" data-base="../assets/podlove/${installed}/">`,
    )
    expect(page).toContain(`<script defer src="../assets/podlove/${installed}/embed.js"></script>`)
    expect(page).toContain('<script defer src="../assets/podlove/castdesk-player.js"></script>')
    // The fallback stays inside: without JavaScript the <audio> with every format plays.
    expect(page).toMatch(/<audio [^>]*><source src="..\/cast_audio\/kr012.mp3" type="audio\/mpeg"><source/)
  })

  it('carries a CSP that allows only the site, the player’s frame scripts by hash, no inline script', () => {
    const hashes = playerScriptHashes(installed, `../assets/podlove/${installed}/`) as string[]
    expect(hashes).toHaveLength(3)
    const policy = contentSecurityPolicy(hashes, podcast.baseUrl)
    expect(policy).toContain(`script-src 'self' 'unsafe-eval' '${hashes[0]}'`)
    expect(policy).not.toContain("script-src 'self' 'unsafe-inline'")
    expect(policy).toContain("media-src 'self' https://example.org;")
    expect(page).toContain('<meta http-equiv="Content-Security-Policy"')
    const index = site.files.get('index.html') as string
    expect(index).toContain('script-src &#x27;self&#x27;; style-src')
  })

  it('without a player version (the app preview), pages keep the plain <audio> and no player files', () => {
    const plain = siteFiles(podcast, [episode()])
    expect(plain.usesPlayer).toBe(false)
    expect(plain.files.has('assets/podlove/config.json')).toBe(false)
    expect(plain.files.get('kr012-sourdough/index.html')).not.toContain('<script')
  })
})

describe('show notes in the feed (pure)', () => {
  const gallery = {
    id: 'g',
    type: 'gallery' as const,
    items: [{ modal: picture, thumbnail: picture, alt: 'Crumb' }],
  }
  const video = {
    id: 'v',
    type: 'video' as const,
    title: 'Oven <hot>',
    key: 'cast_videos/oven.mp4',
    mime: 'video/mp4',
    posterKey: null,
    width: 320,
    height: 240,
  }
  const ep = episode({
    blocks: [
      ...episode().blocks,
      gallery,
      video,
      { id: 'p', type: 'paragraph', markdown: '[next](../kr013/)' },
    ],
  })
  const notes = showNotes(podcast.baseUrl, ep)

  it('builds HTML from the blocks with absolute URLs, escaped text, images with alt text', () => {
    expect(notes.html).toContain('<h2>Show &lt;notes&gt;</h2>')
    expect(notes.html).toContain('We bake &lt;script&gt;alert(1)&lt;/script&gt; <strong>bread</strong>.')
    expect(notes.html).toContain(
      '<img src="https://example.org/show/images/p.width-1110.jpg" alt="A &quot;loaf&quot;" width="1110" height="740">',
    )
    expect(notes.html).toContain('alt="Crumb"')
    expect(notes.html).toContain(
      '<a href="https://example.org/show/cast_videos/oven.mp4">Video: Oven &lt;hot&gt;</a>',
    )
    expect(notes.html).toContain('<a href="https://example.org/show/kr013/">next</a>')
  })

  it('gives the same notes as plain text', () => {
    expect(notes.text).toBe('Show <notes>\n\nWe bake <script>alert(1)</script> bread.\n\nnext')
  })

  it('puts content:encoded, description, summary, season, episode and persons into each item', () => {
    const xml = podcastFeed(podcast, [ep], 'mp3')
    expect(xml).not.toContain('<script>')
    const item = parseFeed(xml)?.items[0]
    // partytime decodes the CDATA's entities; the feed carries the escaped HTML as built.
    expect(xml).toContain(`<![CDATA[${notes.html}]]>`)
    expect(item?.content).toContain('<h2>Show <notes></h2>')
    // partytime folds the lines of a description; the feed keeps them.
    expect(item?.description).toBe(notes.text.replace(/\s+/g, ' '))
    expect(xml).toContain('<description>Show &lt;notes&gt;\n\nWe bake &lt;script&gt;')
    expect(item?.summary?.replace(/\s+/g, ' ')).toBe(notes.text.replace(/\s+/g, ' '))
    expect(item?.podcastSeason?.number).toBe(1)
    expect(item?.podcastEpisode?.number).toBe(12)
    expect(item?.podcastPeople?.map((p) => [p.name, p.role.toLowerCase(), p.group.toLowerCase()])).toEqual([
      ['Ana', 'host', 'cast'],
      ['Ben', 'guest', 'cast'],
    ])
  })

  it('names the podcast’s author as host when the transcript has no speakers', () => {
    const quiet = episode({ audio: { ...audio, cues: [] } })
    const item = parseFeed(podcastFeed(podcast, [quiet], 'mp3'))?.items[0]
    expect(item?.podcastPeople?.map((p) => [p.name, p.role.toLowerCase()])).toEqual([['Ana', 'host']])
  })
})

describe('dangling references (pure)', () => {
  const base = 'https://example.org/show/'

  it('finds every reference of a page: src, srcset, poster, player data and config, links to files', () => {
    const html = `<img src="../a.jpg" srcset="../b.jpg 1x, ../c%20d.jpg 2x" alt="">
<video poster="../p.jpg"><source src="../v.mp4"></video><podlove-player data-url="podlove.json" data-config="../cfg.json">
<a href="https://example.org/">out</a><a href="../about/">page</a><a href="chapters.json">ch</a><a href="#top">top</a>`
    expect(pageReferences(html)).toEqual([
      '../a.jpg',
      '../b.jpg',
      '../c%20d.jpg',
      '../p.jpg',
      '../v.mp4',
      'podlove.json',
      '../cfg.json',
      'chapters.json',
    ])
  })

  it('reports what a page names under the base URL that the site does not send, not links in Markdown text', () => {
    const keys = new Set(['ep/index.html', 'a.jpg', 'c d.jpg', 'index.html'])
    const documents = new Map([
      [
        'ep/index.html',
        '<img src="../a.jpg" srcset="../c%20d.jpg 1x, ../gone.jpg 2x"><a href="../index.html">home</a>' +
          '<div class="block-paragraph"><p><a href="../downloads/recipe.pdf">recipe</a></p>\n</div>' +
          `<source src="${base}cast_audio/missing.mp3"><img src="https://other.org/x.jpg">`,
      ],
      ['feed/podcast/mp3/rss.xml', `<rss><enclosure url="${base}not-checked.mp3"/></rss>`],
    ])
    expect(danglingReferences(base, keys, documents)).toEqual([
      { from: 'ep/index.html', reference: '../gone.jpg', key: 'gone.jpg' },
      { from: 'ep/index.html', reference: `${base}cast_audio/missing.mp3`, key: 'cast_audio/missing.mp3' },
    ])
  })

  it('finds nothing missing in a whole generated site with its media and player files', () => {
    const site = siteFiles(podcast, [episode()], { playerVersion: installed })
    const keys = new Set([
      ...site.files.keys(),
      'cast_audio/kr012.mp3',
      'cast_audio/kr012.m4a',
      'images/p.width-1110.jpg',
      'original_images/cover.jpg',
      `assets/podlove/${installed}/embed.js`,
    ])
    expect(danglingReferences(podcast.baseUrl, keys, site.files)).toEqual([])
    keys.delete('images/p.width-1110.jpg')
    expect(danglingReferences(podcast.baseUrl, keys, site.files).map((d) => d.key)).toContain(
      'images/p.width-1110.jpg',
    )
  })
})
