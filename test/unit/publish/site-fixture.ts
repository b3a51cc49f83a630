import type { ImageForSlot } from '../../../src/main/media/images/planner'
import type { AudioModel, EpisodeModel, PodcastModel } from '../../../src/main/publish/site-model'

export const podcast: PodcastModel = {
  title: 'Kitchen <Radio> & Friends',
  subtitle: 'Baking, slowly',
  description: 'A show about **bread**.',
  language: 'en-us',
  category: 'Arts > Food',
  explicit: false,
  author: 'Ana',
  ownerName: 'Ana Baker',
  ownerEmail: 'ana@example.org',
  coverKey: 'original_images/cover.jpg',
  baseUrl: 'https://example.org/show/',
}

export const audio: AudioModel = {
  id: 7,
  title: 'KR012',
  subtitle: '',
  durationMs: 4_220_500,
  files: [
    { format: 'mp3', key: 'cast_audio/kr012.mp3', size: 40_480_000, mime: 'audio/mpeg' },
    { format: 'm4a', key: 'cast_audio/kr012.m4a', size: 30_000_000, mime: 'audio/mp4' },
  ],
  chapters: [
    { startMs: 185_500, title: 'Flour & "water"', link: 'https://example.org/flour', image: null },
    { startMs: 0, title: 'Hello', link: null, image: null },
  ],
  cues: [
    { startMs: 1200, endMs: 4050, speaker: 'Ana', text: 'Welcome back to the kitchen.' },
    { startMs: 4300, endMs: 6000, speaker: 'Ben', text: 'Thanks!' },
  ],
}

export const picture: ImageForSlot = {
  slot: { width: 1110, height: 740 },
  role: 'regular',
  width: 1110,
  height: 740,
  sizes: '1110px',
  specs: ['width-1110'],
  usesOriginal: false,
  sources: [
    {
      format: 'jpeg',
      src: '../images/p.width-1110.jpg',
      srcset: [
        { url: '../images/p.width-1110.jpg', width: 1110, height: 740, realWidth: 1110, spec: 'width-1110' },
      ],
    },
  ],
}

export function episode(overrides: Partial<EpisodeModel> = {}): EpisodeModel {
  return {
    id: 1,
    guid: '3f1b0a52-1111-4222-8333-944445555666',
    slug: 'kr012-sourdough',
    title: 'Sourdough <live>',
    published: '2024-03-01T08:30:00.000Z',
    season: 1,
    number: 12,
    type: 'full',
    audio,
    coverKey: null,
    cover: null,
    blocks: [
      { id: 'b1', type: 'heading', text: 'Show <notes>' },
      { id: 'b2', type: 'paragraph', markdown: 'We bake <script>alert(1)</script> **bread**.' },
      { id: 'b3', type: 'image', picture, alt: 'A "loaf"' },
    ],
    ...overrides,
  }
}
