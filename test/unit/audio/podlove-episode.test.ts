import { describe, expect, it } from 'vitest'
import { buildPodloveEpisode } from '../../../src/main/media/audio/player/podlove-episode'

describe('buildPodloveEpisode', () => {
  const episode = buildPodloveEpisode({
    title: 'KR012 Sourdough',
    subtitle: 'Starter basics',
    durationMs: 2_530_250,
    files: [
      { format: 'opus', url: '/media/cast_audio/kr012.opus', size: 9_000_000 },
      { format: 'm4a', url: '/media/cast_audio/kr012.m4a', size: 30_000_000 },
      { format: 'mp3', url: '/media/cast_audio/kr012.mp3', size: 40_480_000 },
      { format: 'oga', url: '/media/cast_audio/kr012.oga', size: 20_000_000 },
    ],
    chapters: [
      {
        startMs: 185_500,
        title: 'Flour',
        link: 'https://example.org/flour',
        image: 'https://example.org/flour.jpg',
      },
      { startMs: 0, title: 'Hello', link: null, image: null },
    ],
    cues: [
      { startMs: 4300, endMs: 6000, speaker: 'Ben', text: 'Thanks!' },
      { startMs: 1200, endMs: 4050, speaker: 'Ana', text: 'Welcome back to the kitchen.' },
      { startMs: 6500, endMs: 7000, speaker: '', text: 'Music' },
      { startMs: 7000, endMs: 8000, speaker: 'Ana', text: 'Flour first.' },
    ],
  })

  it('builds the whole episode', () => {
    expect(episode).toEqual({
      version: 5,
      title: 'KR012 Sourdough',
      subtitle: 'Starter basics',
      duration: '00:42:10.250',
      audio: [
        { url: '/media/cast_audio/kr012.mp3', mimeType: 'audio/mpeg', size: '40480000', title: 'Audio MP3' },
        { url: '/media/cast_audio/kr012.m4a', mimeType: 'audio/mp4', size: '30000000', title: 'Audio M4A' },
        { url: '/media/cast_audio/kr012.oga', mimeType: 'audio/ogg', size: '20000000', title: 'Audio OGA' },
        { url: '/media/cast_audio/kr012.opus', mimeType: 'audio/opus', size: '9000000', title: 'Audio OPUS' },
      ],
      chapters: [
        { start: '00:00:00.000', title: 'Hello', href: null, image: null },
        {
          start: '00:03:05.500',
          title: 'Flour',
          href: 'https://example.org/flour',
          image: 'https://example.org/flour.jpg',
        },
      ],
      transcripts: [
        {
          start: '00:00:01.200',
          start_ms: 1200,
          end: '00:00:04.050',
          end_ms: 4050,
          speaker: 'Ana',
          voice: 'Ana',
          text: 'Welcome back to the kitchen.',
        },
        {
          start: '00:00:04.300',
          start_ms: 4300,
          end: '00:00:06.000',
          end_ms: 6000,
          speaker: 'Ben',
          voice: 'Ben',
          text: 'Thanks!',
        },
        {
          start: '00:00:06.500',
          start_ms: 6500,
          end: '00:00:07.000',
          end_ms: 7000,
          speaker: '',
          voice: '',
          text: 'Music',
        },
        {
          start: '00:00:07.000',
          start_ms: 7000,
          end: '00:00:08.000',
          end_ms: 8000,
          speaker: 'Ana',
          voice: 'Ana',
          text: 'Flour first.',
        },
      ],
      contributors: [
        { id: 'Ana', name: 'Ana' },
        { id: 'Ben', name: 'Ben' },
      ],
    })
  })

  it('gives sizes as strings and survives JSON', () => {
    expect(typeof episode.audio[0]?.size).toBe('string')
    expect(JSON.parse(JSON.stringify(episode))).toEqual(episode)
  })

  it('handles an episode with only one file and nothing else', () => {
    expect(
      buildPodloveEpisode({
        title: 'Short',
        subtitle: '',
        durationMs: 5,
        files: [{ format: 'm4a', url: 'https://cdn.example.org/a.m4a', size: 0 }],
        chapters: [],
        cues: [],
      }),
    ).toEqual({
      version: 5,
      title: 'Short',
      subtitle: '',
      duration: '00:00:00.005',
      audio: [{ url: 'https://cdn.example.org/a.m4a', mimeType: 'audio/mp4', size: '0', title: 'Audio M4A' }],
      chapters: [],
      transcripts: [],
      contributors: [],
    })
  })
})
