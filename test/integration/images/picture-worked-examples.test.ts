import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImportOutcome } from '../../../src/shared/media'
import { makeDir } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

const avif = (specs: string[]) => specs.map((s) => `${s}|format-avif`)
const widths = (...ws: number[]) => ws.map((w) => `width-${w}`)
const srgb = (...ws: number[]) => ws.map((w) => `width-${w}|srgb`)

/** django-cast.md §1.6: the filter specs django-cast plans for each input, byte for byte. */
const EXAMPLES = [
  {
    name: 'a3000x2000.jpg',
    size: [3000, 2000],
    slot: 'regular',
    specs: [...widths(1110, 2220), ...avif(widths(1110, 2220))],
  },
  {
    name: 'b3000x3000.jpg',
    size: [3000, 3000],
    slot: 'regular',
    specs: [...widths(740, 1480, 2220), ...avif(widths(740, 1480, 2220))],
  },
  {
    name: 'c4000x6000.jpg',
    size: [4000, 6000],
    slot: 'gallery',
    specs: [
      ...widths(493, 986, 1479),
      ...avif(widths(493, 986, 1479)),
      ...srgb(53, 106, 159),
      ...avif(srgb(53, 106, 159)),
    ],
  },
  {
    name: 'd6000x4000.jpg',
    size: [6000, 4000],
    slot: 'gallery',
    specs: [
      ...widths(1110, 2220, 3330),
      ...avif(widths(1110, 2220, 3330)),
      ...srgb(120, 240, 360),
      ...avif(srgb(120, 240, 360)),
    ],
  },
  {
    name: 'e1600x900.jpg',
    size: [1600, 900],
    slot: 'regular',
    specs: ['width-1110', 'width-1110|format-avif'],
  },
  { name: 'f1200x800.jpg', size: [1200, 800], slot: 'regular', specs: ['format-avif'] },
  { name: 'g800x600.png', size: [800, 600], slot: 'regular', specs: ['format-jpeg', 'format-avif'] },
] as const

describe('image picture --json for django-cast’s worked examples', () => {
  const root = tempDir()
  const library = join(root, 'library')
  const folder = makeDir(root, 'photos')
  const ids = new Map<string, number>()

  beforeAll(async () => {
    for (const example of EXAMPLES) {
      const [width, height] = example.size
      const image = sharp({ create: { width, height, channels: 3, background: '#7a9cc6' } })
      await (example.name.endsWith('.png') ? image.png() : image.jpeg()).toFile(join(folder, example.name))
    }
    makeDir(library)
    writeFileSync(join(library, 'castdesk.config.json'), JSON.stringify({ avifEffort: 0 }))
    runCli(['--library', library, 'init'])
    const outcomes = runCliJson<ImportOutcome[]>(['--library', library, 'import', folder]).json
    for (const outcome of outcomes) ids.set(outcome.path.split('/').at(-1) as string, outcome.id as number)
  })

  it.each(EXAMPLES)('$name in a $slot slot', ({ name, slot, specs }) => {
    const { code, json } = runCliJson<{ specs: string[]; sources: { format: string; srcset: unknown[] }[] }>([
      '--library',
      library,
      'image',
      'picture',
      String(ids.get(name)),
      '--slot',
      slot,
    ])
    expect(code).toBe(0)
    expect(json.specs).toEqual(specs)
    expect(json.sources.map((s) => s.format)).toEqual(['jpeg', 'avif'])
  })

  it('falls back to the original for the 1200×800 JPEG, as django-cast does', () => {
    const { json } = runCliJson<{
      sources: { format: string; src: string; srcset: { url: string; width: number }[] }[]
    }>(['--library', library, 'image', 'picture', String(ids.get('f1200x800.jpg'))])
    const jpeg = json.sources.find((s) => s.format === 'jpeg')
    expect(jpeg?.srcset).toEqual([
      { url: expect.stringMatching(/original_images\/f1200x800\.jpg$/), width: 1200 },
    ])
    const avifSource = json.sources.find((s) => s.format === 'avif')
    expect(avifSource?.srcset).toEqual([
      { url: expect.stringMatching(/images\/f1200x800\.format-avif\.avif$/), width: 1200 },
    ])
  })
})
