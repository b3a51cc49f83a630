import { useState } from 'react'
import type { FeedImportReport } from '../../../../shared/api/feeds.api'
import type { EpisodeInfo } from '../../../../shared/api/podcasts.api'
import { messageOf, requireClient } from '../../lib/client'
import { useCall } from '../../lib/use-call'
import { EpisodeEditor } from './EpisodeEditor'
import { FeedImportPanel } from './FeedImportPanel'
import { PodcastForm } from './PodcastForm'
import { PublishPanel } from './PublishPanel'
import './episodes.css'

/** The podcast, its episodes (list and editor) and publishing. */
export function EpisodesScreen() {
  const podcast = useCall('podcast.show', {})
  const episodes = useCall('episodes.list', podcast.data ? {} : null)
  // The editor keeps its key (and state, e.g. the preview) when a new episode is saved.
  const [selected, setSelected] = useState<{ key: string; episode: EpisodeInfo | null } | null>(null)
  const [editingPodcast, setEditingPodcast] = useState(false)
  const [importing, setImporting] = useState(false)
  const [imported, setImported] = useState<FeedImportReport | null>(null)
  const [error, setError] = useState<string | null>(null)

  const open = async (id: number) => {
    setError(null)
    try {
      const episode = await requireClient().call('episodes.show', { id })
      setSelected({ key: String(id), episode })
    } catch (e) {
      setError(messageOf(e))
    }
  }

  if (podcast.loading && !podcast.data) return <section className="page">Loading…</section>
  if (!podcast.data || editingPodcast) {
    return (
      <section className="page">
        <h1>{podcast.data ? 'Podcast settings' : 'Create your podcast'}</h1>
        <PodcastForm
          podcast={podcast.data}
          onSaved={() => {
            setEditingPodcast(false)
            podcast.reload()
          }}
        />
        {!podcast.data && (
          <FeedImportPanel
            report={imported}
            onReport={setImported}
            onImported={() => {
              setImporting(true)
              podcast.reload()
            }}
          />
        )}
      </section>
    )
  }
  return (
    <section className="page episodes-page">
      <header className="row episodes-head">
        <h1>{podcast.data.title}</h1>
        <button type="button" onClick={() => setEditingPodcast(true)}>
          Podcast settings
        </button>
        <button type="button" aria-expanded={importing} onClick={() => setImporting(!importing)}>
          Bring your show…
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => setSelected({ key: `new-${Date.now()}`, episode: null })}
        >
          New episode
        </button>
      </header>
      {importing && (
        <FeedImportPanel
          report={imported}
          onReport={setImported}
          onImported={() => {
            podcast.reload()
            episodes.reload()
          }}
        />
      )}
      <div className="episodes-layout">
        <nav className="episode-list" aria-label="Episodes">
          <ul>
            {(episodes.data ?? []).map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className={selected?.episode?.id === e.id ? 'active' : ''}
                  onClick={() => open(e.id)}
                >
                  <strong>{e.title}</strong>
                  <span className="muted">{e.published ? e.published.slice(0, 10) : 'draft'}</span>
                </button>
              </li>
            ))}
          </ul>
          {episodes.data?.length === 0 && <p className="muted">No episodes yet.</p>}
        </nav>
        <div className="episode-main">
          {error && <p className="error">{error}</p>}
          {selected ? (
            <EpisodeEditor
              key={selected.key}
              episode={selected.episode}
              onSaved={(saved) => {
                setSelected({ key: selected.key, episode: saved })
                episodes.reload()
              }}
            />
          ) : (
            <p className="muted">Choose an episode, or make a new one.</p>
          )}
          <PublishPanel />
        </div>
      </div>
    </section>
  )
}
