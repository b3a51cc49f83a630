import { type Command, InvalidArgumentError } from 'commander'
import { type GlobalOptions, withSession } from '../cli-context'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'
import { progressReporter } from '../progress'

export function registerImageCommands(program: Command, globals: () => GlobalOptions): void {
  const image = program
    .command('image')
    .description('renditions, focal points and responsive markup of an image')

  image
    .command('rendition')
    .description(
      'the rendition of a Wagtail filter spec (e.g. fill-300x300, width-800|format-avif); made once, then cached',
    )
    .argument('<id>', 'image id', parseId)
    .argument('<spec>', 'filter spec')
    .action(async (id: number, spec: string) => {
      const rendition = await withSession(globals(), ({ call, context }) =>
        call('images.rendition', { id, spec }, context),
      )
      if (globals().json) {
        const { spec: s, path, width, height, format, bytes } = rendition
        printJson({ spec: s, path, width, height, format, bytes })
      } else
        printLines([
          `${rendition.spec}: ${rendition.width}×${rendition.height} ${rendition.format} → ${rendition.path ?? rendition.url}`,
        ])
    })

  image
    .command('focal')
    .description('set the focal point (centre x, y and size, in image pixels) or clear it with --clear')
    .argument('<id>', 'image id', parseId)
    .argument('[box...]', 'X Y WIDTH HEIGHT')
    .option('--clear', 'remove the focal point')
    .action(async (id: number, box: string[], options: { clear?: boolean }) => {
      const focal = options.clear ? null : parseBox(box)
      const result = await withSession(globals(), ({ call, context }) =>
        call('images.focal', { id, focal }, context),
      )
      if (globals().json) printJson(result)
      else printLines([focal ? `focal point of #${id} set` : `focal point of #${id} cleared`])
    })

  image
    .command('picture')
    .description('the responsive <picture> markup (making any missing renditions)')
    .argument('<id>', 'image id', parseId)
    .option('--slot <slot>', 'regular|gallery', 'regular')
    .action(async (id: number, options: { slot: 'regular' | 'gallery' }) => {
      const picture = await withSession(globals(), ({ call, context }) =>
        call('images.picture', { id, slot: options.slot }, context),
      )
      if (globals().json) {
        const { html: _html, ...json } = picture
        printJson(json)
      } else printLines([picture.html])
    })

  const gallery = program.command('gallery').description('galleries: ordered lists of images')
  gallery
    .command('create')
    .argument('<ids...>', 'image ids, in order (an image may appear twice)')
    .action(async (ids: string[]) => {
      const imageIds = ids.map(parseId)
      const result = await withSession(globals(), ({ call, context }) =>
        call('galleries.create', { imageIds }, context),
      )
      if (globals().json) printJson({ id: result.id, created: result.created, queued: result.queued })
      else
        printLines([
          `gallery #${result.id}${result.created ? ' created' : ' (already existed)'}; renditions queued for ${result.queued} images`,
        ])
    })
  gallery
    .command('renditions')
    .description("make every missing rendition of a gallery's images now")
    .argument('<id>', 'gallery id', parseId)
    .action(async (id: number) => {
      const result = await withSession(globals(), ({ call, context }) =>
        call('galleries.renditions', { id }, context),
      )
      if (globals().json) printJson(result)
      else printLines([`gallery #${id}: ${result.created} renditions made for ${result.images} images`])
    })

  program
    .command('sync_renditions')
    .description("make every missing rendition of the acting user's images; remove obsolete sRGB thumbnails")
    .action(async () => {
      const result = await withSession(globals(), async ({ call, context }) => {
        const progress = progressReporter('Renditions')
        try {
          return await call(
            'images.syncRenditions',
            {},
            { ...context, onProgress: (e) => progress.update(e) },
          )
        } finally {
          progress.stop()
        }
      })
      if (globals().json) printJson(result)
      else
        printLines([
          `len missing renditions: ${result.missing}`,
          `created ${result.created} renditions for ${result.images} images; removed ${result.obsolete} obsolete`,
        ])
    })
}

function parseBox(values: string[]): { x: number; y: number; width: number; height: number } {
  if (values.length !== 4 || values.some((v) => !/^\d+$/.test(v))) {
    throw new InvalidArgumentError(
      'give the focal point as four whole numbers: X Y WIDTH HEIGHT (or use --clear).',
    )
  }
  const [x, y, width, height] = values.map(Number) as [number, number, number, number]
  return { x, y, width, height }
}
