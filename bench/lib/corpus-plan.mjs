// What the import corpus holds: a pure, seeded plan (the same N gives the same list every time).

/** Small fast seeded PRNG (mulberry32). */
export function seededRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (i) => String(i).padStart(4, '0')

// [width, height, format, weight]: phone photos, camera shots, cover art, screenshots.
const IMAGE_SHAPES = [
  [1600, 1200, 'jpeg', 40],
  [1200, 1600, 'jpeg', 15],
  [2400, 1600, 'jpeg', 10],
  [4000, 3000, 'jpeg', 3],
  [3000, 3000, 'jpeg', 5],
  [640, 480, 'jpeg', 7],
  [1400, 1400, 'png', 8],
  [1280, 720, 'png', 7],
  [800, 600, 'png', 5],
]
const VIDEO_SHAPES = [
  [640, 360, 40],
  [1280, 720, 35],
  [720, 1280, 15],
  [1920, 1080, 10],
]
const TEXT_KINDS = ['txt', 'md', 'csv', 'json']

/**
 * The corpus for `total` files: 40% images (2% of them byte copies, which import as duplicates),
 * 30% MP3, 10% M4A (half share a base name with an MP3 of the same length), 10% MP4, 10% documents.
 * Each entry is { path, kind, ...parameters }; copies come last so their originals exist first.
 */
export function planCorpus(total) {
  const random = seededRandom(20_240_601 + total)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const between = (low, high) => low + Math.floor(random() * (high - low + 1))
  const weighted = (list) => {
    let roll = random() * list.reduce((sum, item) => sum + item.at(-1), 0)
    for (const item of list) {
      roll -= item.at(-1)
      if (roll < 0) return item
    }
    return list.at(-1)
  }

  const imageCount = Math.round(total * 0.4)
  const mp3Count = Math.round(total * 0.3)
  const m4aCount = Math.round(total * 0.1)
  const videoCount = Math.round(total * 0.1)
  const documentCount = Math.max(0, total - imageCount - mp3Count - m4aCount - videoCount)
  const copyCount = Math.floor(imageCount * 0.02)

  const entries = []
  const images = []
  for (let i = 0; i < imageCount - copyCount; i++) {
    const [width, height, format] = weighted(IMAGE_SHAPES)
    const name = format === 'png' ? `graphic-${pad(i)}.png` : `photo-${pad(i)}.jpg`
    const image = { path: `images/${name}`, kind: 'image', width, height, format, seed: i + 1 }
    if (format === 'jpeg' && random() < 0.1) image.orientation = 6
    images.push(image)
  }
  entries.push(...images)

  const pairedCount = Math.min(Math.floor(m4aCount / 2), mp3Count)
  const m4aSeconds = []
  for (let i = 0; i < m4aCount; i++) {
    const seconds = between(5, 60)
    m4aSeconds.push(seconds)
    entries.push({
      path: `audio/episode-${pad(i)}.m4a`,
      kind: 'audio',
      format: 'm4a',
      seconds,
      frequency: between(200, 1000),
      bitrate: pick(['64k', '96k', '128k']),
    })
  }
  for (let i = 0; i < mp3Count; i++) {
    const paired = i < pairedCount
    const number = paired ? i : m4aCount + i
    entries.push({
      path: `audio/${paired ? 'episode' : 'take'}-${pad(number)}.mp3`,
      kind: 'audio',
      format: 'mp3',
      seconds: paired ? m4aSeconds[i] : between(5, 60),
      frequency: between(200, 1000),
      bitrate: pick(['64k', '96k', '128k']),
      channels: pick([1, 2]),
      chapters: i % 10 === 3,
    })
  }

  for (let i = 0; i < videoCount; i++) {
    const [width, height] = weighted(VIDEO_SHAPES)
    const seconds = width * height > 1_000_000 ? between(2, 4) : between(2, 8)
    const withAudio = random() < 0.7
    // testsrc2 draws the same frames for the same size and length: a hue per clip makes each unique.
    const hue = (i * 137) % 360
    entries.push({ path: `video/clip-${pad(i)}.mp4`, kind: 'video', width, height, seconds, withAudio, hue })
  }

  for (let i = 0; i < documentCount; i++) {
    if (i % 2 === 0) {
      entries.push({
        path: `documents/show-notes-${pad(i)}.pdf`,
        kind: 'pdf',
        bytes: between(20_000, 1_500_000),
      })
    } else {
      const extension = TEXT_KINDS[(i >> 1) % TEXT_KINDS.length]
      const path = `documents/notes-${pad(i)}.${extension}`
      entries.push({ path, kind: 'text', extension, bytes: between(1_000, 200_000), seed: i })
    }
  }

  for (let i = 0; i < copyCount && images.length > 0; i++) {
    const original = images[Math.floor((i * images.length) / copyCount)]
    const dot = original.path.lastIndexOf('.')
    const copyName = `${original.path.slice('images/'.length, dot)} copy${original.path.slice(dot)}`
    entries.push({ path: `images/exported/${copyName}`, kind: 'copy', of: original.path })
  }
  return entries
}
