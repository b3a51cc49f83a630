/**
 * Where the self-hosted Podlove Web Player lives in a site, and the two small files Castdesk adds
 * beside it (pure): the player's config and the script that starts the player on each
 * `<podlove-player>` of a page. The package's files go under `assets/podlove/VERSION/` in the
 * package's own layout, so a new player version is a new folder and an unchanged one is never sent
 * again. No inline script is needed on the page: both scripts are files of the site.
 */

export function playerAssetKeys(version: string) {
  const root = `assets/podlove/${version}/`
  return {
    /** The package's folder: the player's `base`, where it loads its chunks and styles from. */
    base: root,
    /** The package's embed script: defines `window.podlovePlayer`. */
    embed: `${root}embed.js`,
    /** Castdesk's starter: reads each `<podlove-player>`'s `data-url` and `data-config`. */
    starter: 'assets/podlove/castdesk-player.js',
    config: 'assets/podlove/config.json',
    packageFile: (path: string) => `${root}${path}`,
  } as const
}

/** The player config: tabs and features (the starter adds `base` from the page). */
export function playerConfig(): string {
  const config = {
    version: 5,
    activeTab: 'chapters',
    features: { persistTab: false, persistPlaystate: false },
    share: { channels: [] },
  }
  return `${JSON.stringify(config, null, 2)}\n`
}

/**
 * Starts the player on every `<podlove-player data-url data-config data-base>` once the page is
 * parsed. `data-base` (the player's folder, relative to the page) becomes the config's `base`, so
 * the player loads its chunks from the site whatever folder or address the site is served from;
 * it stays relative so that the scripts the player writes into its frame are the same on every
 * page (their hashes are in the page's Content-Security-Policy). The `<audio>` inside plays until
 * the player takes its place, and for good when it cannot (no JavaScript, an error).
 */
export const PLAYER_STARTER = `'use strict'
;(() => {
  const start = async (node) => {
    // The player replaces what the element holds; the fallback comes back if the player fails.
    const fallback = node.querySelector('audio')
    try {
      const configUrl = new URL(node.getAttribute('data-config'), document.baseURI)
      const episodeUrl = new URL(node.getAttribute('data-url'), document.baseURI).href
      const response = await fetch(configUrl)
      if (!response.ok) throw new Error(\`\${configUrl} answered \${response.status}\`)
      const config = await response.json()
      config.base = node.getAttribute('data-base')
      if (fallback) fallback.pause()
      const store = await window.podlovePlayer(node, episodeUrl, config)
      if (!store) throw new Error('the player did not start')
      if (fallback) fallback.remove()
      node.setAttribute('data-ready', '')
      return store
    } catch (error) {
      if (fallback && !fallback.isConnected) node.replaceChildren(fallback)
      node.setAttribute('data-error', String(error))
      return null
    }
  }
  const nodes = [...document.querySelectorAll('podlove-player[data-url][data-config][data-base]')]
  window.castdeskPlayers = Promise.all(nodes.map(start))
})()
`
