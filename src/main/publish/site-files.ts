import { AUDIO_FORMATS } from '../../shared/media'
import { serialize as serializeChapters } from '../media/audio/chapters/podcasting2-json.codec'
import { buildPodloveEpisode } from '../media/audio/player/podlove-episode'
import { serialize as serializeTranscriptJson } from '../media/audio/transcripts/podcasting2-json.codec'
import { serialize as serializeVtt } from '../media/audio/transcripts/webvtt.codec'
import { episodePage } from './episode-page'
import { indexPage } from './index-page'
import { playerScriptHashes } from './page-csp'
import { PLAYER_STARTER, playerAssetKeys, playerConfig } from './player-embed'
import { feedEpisodes, podcastFeed } from './podcast-feed'
import {
  type AudioModel,
  absoluteUrl,
  type EpisodeModel,
  type PodcastModel,
  relativeUrl,
  siteKeys,
} from './site-model'

export interface SiteFiles {
  /** Generated files by key: pages, feeds, chapters, transcripts, player data. */
  files: Map<string, string>
  /** Feed keys, one per audio format that some episode has. */
  feeds: string[]
  /** Some page runs the self-hosted Podlove Web Player: the site needs its package files. */
  usesPlayer: boolean
}

/**
 * Every generated file of the site (pure). Chapters are Podcasting 2.0 JSON, transcripts WebVTT
 * and Podcasting 2.0 JSON, the player data Podlove Web Player 5 JSON with absolute URLs. With a
 * `playerVersion`, pages start the self-hosted Podlove Web Player of that version, and the site
 * gets its config and starter script (the package's own files are copied by the publisher).
 */
export function siteFiles(
  podcast: PodcastModel,
  episodes: readonly EpisodeModel[],
  options: { mediaPrefix?: string; playerVersion?: string | null } = {},
): SiteFiles {
  const mediaPrefix = options.mediaPrefix ?? '../'
  const files = new Map<string, string>()
  const playerKeys = options.playerVersion ? playerAssetKeys(options.playerVersion) : null
  const player = playerKeys && {
    embed: playerKeys.embed,
    starter: playerKeys.starter,
    config: playerKeys.config,
    base: playerKeys.base,
    // Every episode page is one folder deep, so the player's folder is the same relative path on each.
    scriptHashes: playerScriptHashes(
      options.playerVersion as string,
      relativeUrl(siteKeys.page('x'), playerKeys.base),
    ),
  }
  const usesPlayer = playerKeys !== null && episodes.some((episode) => audiosOf(episode).length > 0)
  if (playerKeys && usesPlayer) {
    files.set(playerKeys.config, playerConfig())
    files.set(playerKeys.starter, PLAYER_STARTER)
  }
  const formats = AUDIO_FORMATS.filter((format) => feedEpisodes(episodes, format).length > 0)
  const feeds = formats.map((format) => siteKeys.feed(format))
  for (const format of formats) files.set(siteKeys.feed(format), podcastFeed(podcast, episodes, format))
  files.set(siteKeys.index, indexPage(podcast, episodes, feeds))
  for (const episode of episodes) {
    const playerKey = (audioId: number) =>
      episode.audio?.id === audioId
        ? siteKeys.player(episode.slug)
        : `${episode.slug}/podlove-${audioId}.json`
    files.set(
      siteKeys.page(episode.slug),
      episodePage(podcast, episode, { playerKey, feeds, mediaPrefix, player }),
    )
    for (const audio of audiosOf(episode)) {
      files.set(playerKey(audio.id), `${JSON.stringify(playerData(podcast, episode, audio), null, 2)}\n`)
    }
    const audio = episode.audio
    if (!audio) continue
    if (audio.chapters.length > 0) {
      files.set(siteKeys.chapters(episode.slug), serializeChapters(audio.chapters, { title: episode.title }))
    }
    if (audio.cues.length > 0) {
      files.set(siteKeys.transcriptVtt(episode.slug), serializeVtt(audio.cues))
      files.set(siteKeys.transcriptJson(episode.slug), serializeTranscriptJson(audio.cues))
    }
  }
  return { files, feeds, usesPlayer }
}

function audiosOf(episode: EpisodeModel): AudioModel[] {
  const all = [
    ...(episode.audio ? [episode.audio] : []),
    ...episode.blocks.flatMap((block) => (block.type === 'audio' ? [block.audio] : [])),
  ]
  return all.filter((audio, index) => all.findIndex((a) => a.id === audio.id) === index)
}

/** django-cast's Podlove endpoint for an audio on an episode page: show, episode link, files, chapters, transcript. */
function playerData(podcast: PodcastModel, episode: EpisodeModel, audio: AudioModel) {
  const url = (key: string) => absoluteUrl(podcast.baseUrl, key)
  const data = buildPodloveEpisode({
    title: audio.title,
    subtitle: audio.subtitle,
    durationMs: audio.durationMs,
    files: audio.files.map((file) => ({ format: file.format, url: url(file.key), size: file.size })),
    chapters: audio.chapters,
    cues: audio.cues,
  })
  const coverKey = episode.coverKey ?? podcast.coverKey
  return {
    ...data,
    ...(coverKey ? { poster: url(coverKey) } : {}),
    show: {
      title: podcast.title,
      subtitle: podcast.subtitle,
      summary: podcast.description,
      link: podcast.baseUrl,
      poster: coverKey ? url(coverKey) : '',
    },
    link: url(siteKeys.page(episode.slug)).replace(/index\.html$/, ''),
  }
}
