import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
]

export interface Reference {
  kind: 'img' | 'audio' | 'video' | 'poster' | 'link' | 'player-data' | 'request'
  url: string
  ok: boolean
  detail?: string
}

/**
 * Opens each page in Chromium and checks every reference it makes: each `<img>` decoded (lazy ones
 * loaded eagerly first), each `<audio>`/`<video>` at least at its metadata with no media error,
 * each video poster decoded, each link and Podlove `data-url` answered 2xx, no request failed.
 */
export async function checkPages(urls: readonly string[]): Promise<Map<string, Reference[]>> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium.`)
  const profile = mkdtempSync(join(tmpdir(), 'castdesk-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  })
  const results = new Map<string, Reference[]>()
  try {
    for (const url of urls) {
      const page = await context.newPage()
      const failed: Reference[] = []
      // Chromium aborts a media request itself once it has what it needs (ERR_ABORTED) and asks
      // again by range: not a broken reference; a media element that cannot load reports an error.
      page.on('requestfailed', (r) => {
        const error = r.failure()?.errorText
        if (error !== 'net::ERR_ABORTED')
          failed.push({ kind: 'request', url: r.url(), ok: false, detail: error })
      })
      page.on('response', (r) => {
        if (r.status() >= 400)
          failed.push({ kind: 'request', url: r.url(), ok: false, detail: String(r.status()) })
      })
      await page.goto(url, { waitUntil: 'load' })
      await page.evaluate(() => {
        for (const img of Array.from(document.images)) img.loading = 'eager'
      })
      await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete), null, {
        timeout: 20_000,
      })
      const references = (await page.evaluate(inPage)) as Reference[]
      results.set(url, [...references, ...failed])
      await page.close()
    }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
  return results
}

// The page's globals, for the function below that runs there (the engine's tsconfig has no DOM types).
interface PageElement {
  src: string
  poster: string
  href: string
  dataset: Record<string, string | undefined>
  complete: boolean
  naturalWidth: number
  currentSrc: string
  loading: string
  readyState: number
  networkState: number
  error: { code: number } | null
  onload: (() => void) | null
  onerror: (() => void) | null
  querySelector(selector: string): PageElement | null
  addEventListener(type: string, listener: () => void, options?: { once: boolean }): void
}
declare const document: {
  images: ArrayLike<PageElement>
  querySelectorAll(s: string): ArrayLike<PageElement>
}
declare const location: { href: string }
declare const Image: new () => PageElement
declare const Audio: new () => PageElement & { preload: string }

/** Runs in the page. */
async function inPage(): Promise<unknown[]> {
  const media = (element: PageElement, kind: string) =>
    new Promise((resolve) => {
      const done = () =>
        resolve({
          kind,
          url: element.currentSrc || element.querySelector('source')?.src || '',
          ok: element.error === null && element.readyState >= 1,
          detail: element.error
            ? `media error ${element.error.code}`
            : `readyState ${element.readyState}, networkState ${element.networkState}`,
        })
      // NETWORK_NO_SOURCE (3): every <source> failed (the element's own error stays null then).
      if (element.readyState >= 1 || element.error || element.networkState === 3) return done()
      element.addEventListener('loadedmetadata', done, { once: true })
      element.addEventListener('error', done, { once: true })
      element.querySelector('source:last-of-type')?.addEventListener('error', done, { once: true })
      setTimeout(done, 15_000)
    })
  const decoded = (url: string, kind: string) =>
    new Promise((resolve) => {
      const image = new Image()
      image.onload = () => resolve({ kind, url, ok: image.naturalWidth > 0 })
      image.onerror = () => resolve({ kind, url, ok: false })
      image.src = url
    })
  const fetched = (url: string, kind: string) =>
    fetch(url).then(
      async (response) => {
        const text = await response.text()
        let detail = `${response.status}`
        if (kind === 'player-data') {
          try {
            detail += ` ${JSON.parse(text).version}`
          } catch {
            return { kind, url, ok: false, detail: 'not JSON' }
          }
        }
        return { kind, url, ok: response.ok, detail }
      },
      (error) => ({ kind, url, ok: false, detail: String(error) }),
    )
  // The Podlove Web Player replaces the <audio> inside <podlove-player>: its files are checked
  // from the player data, each in a media element of its own.
  const playerFiles = (url: string) =>
    fetch(url)
      .then((response) => response.json() as Promise<{ audio?: Array<{ url: string }> }>)
      .then(
        (data) =>
          Promise.all(
            (data.audio ?? []).map(
              (file) =>
                new Promise((resolve) => {
                  const audio = new Audio()
                  const done = () =>
                    resolve({
                      kind: 'audio',
                      url: file.url,
                      ok: audio.error === null && audio.readyState >= 1,
                      detail: audio.error
                        ? `media error ${audio.error.code}`
                        : `readyState ${audio.readyState}`,
                    })
                  audio.addEventListener('loadedmetadata', done, { once: true })
                  audio.addEventListener('error', done, { once: true })
                  setTimeout(done, 15_000)
                  audio.preload = 'metadata'
                  audio.src = file.url
                }),
            ),
          ),
        () => [],
      )
  const players = Array.from(document.querySelectorAll('podlove-player[data-url]')).map((el) =>
    new URL(el.dataset.url as string, location.href).toString(),
  )
  const fromPlayers = (await Promise.all(players.map(playerFiles))).flat()
  return Promise.all([
    ...fromPlayers,
    ...Array.from(document.images).map((img) => ({
      kind: 'img',
      url: img.currentSrc,
      ok: img.complete && img.naturalWidth > 0,
    })),
    ...Array.from(document.querySelectorAll('audio')).map((el) => media(el, 'audio')),
    ...Array.from(document.querySelectorAll('video')).map((el) => media(el, 'video')),
    ...Array.from(document.querySelectorAll('video[poster]')).map((el) => decoded(el.poster, 'poster')),
    ...Array.from(document.querySelectorAll('a[href]')).map((a) => fetched(a.href, 'link')),
    ...Array.from(document.querySelectorAll('podlove-player[data-url]')).map((el) =>
      fetched(new URL(el.dataset.url as string, location.href).toString(), 'player-data'),
    ),
  ])
}
