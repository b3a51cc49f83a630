import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { build } from 'rolldown'
import sharp from 'sharp'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { planRendition } from '../../../src/main/media/images/geometry'
import { RenditionProcess } from '../../../src/main/media/images/worker/rendition-process'
import { CastdeskError } from '../../../src/shared/errors'
import { makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'

// The rendition process runs the built worker; here it is bundled from source as the build does.
describe('rendition process', () => {
  const root = tempDir()
  const repo = resolve(__dirname, '..', '..', '..')
  const script = () => join(root, 'rendition-worker.js')
  const source = { width: 900, height: 600, format: 'jpeg' as const }
  const plans = ['width-600', 'width-300|format-avif', 'fill-100x100'].map((spec) =>
    planRendition(spec, source),
  )
  let renderer: RenditionProcess | null = null

  beforeAll(async () => {
    await build({
      input: join(repo, 'src/main/media/images/worker/rendition-worker.ts'),
      platform: 'node',
      external: ['sharp', 'p-limit'],
      output: { file: script(), format: 'cjs' },
      logLevel: 'silent',
    })
    process.env.NODE_PATH = join(repo, 'node_modules') // the bundle lives outside the repository
    await makeImage(join(root, 'photo.jpg'), 'jpeg', { width: 900, height: 600, seed: 3 })
    await writeFile(join(root, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]))
  }, 60_000)

  afterEach(() => renderer?.close())

  it('renders every output of a source from one decode in the child, at the planned sizes', async () => {
    renderer = new RenditionProcess(script(), { avifEffort: 0 })
    const outputs = await renderer.render(join(root, 'photo.jpg'), source, plans, 'photo.jpg')
    expect(outputs.map((o) => [o.plan.spec, o.width, o.height])).toEqual([
      ['width-600', 600, 400],
      ['width-300|format-avif', 300, 200],
      ['fill-100x100', 100, 100],
    ])
    const meta = await sharp(outputs[1]?.data).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['heif', 300, 200])
    expect(renderer.decodes).toBe(1)
    expect(renderer.encodes).toBe(3)
    expect(renderer.peakRssKb).toBeGreaterThan(10_000)
    expect(renderer.cpuSeconds).toBeGreaterThan(0)
  })

  it('reports an undecodable source as corrupt_media and goes on with the next one', async () => {
    renderer = new RenditionProcess(script(), { avifEffort: 0 })
    const failed = renderer.render(join(root, 'broken.jpg'), source, plans, 'broken.jpg')
    await expect(failed).rejects.toBeInstanceOf(CastdeskError)
    await expect(failed).rejects.toMatchObject({
      code: 'corrupt_media',
      message: /broken\.jpg could not be decoded/,
    })
    const outputs = await renderer.render(join(root, 'photo.jpg'), source, plans.slice(0, 1), 'photo.jpg')
    expect(outputs[0]?.width).toBe(600)
  })

  it('fails the renders in flight with tool_failed when the child dies, and starts a new one after', async () => {
    renderer = new RenditionProcess(script(), { avifEffort: 0 })
    const big = planRendition('width-900|format-avif', source)
    const inFlight = renderer.render(join(root, 'photo.jpg'), source, [big], 'photo.jpg')
    const child = (renderer as unknown as { child: { kill: (signal: string) => void } }).child
    child.kill('SIGKILL')
    await expect(inFlight).rejects.toMatchObject({ code: 'tool_failed' })
    const outputs = await renderer.render(join(root, 'photo.jpg'), source, plans.slice(0, 1), 'photo.jpg')
    expect(outputs[0]?.width).toBe(600)
  })
})
