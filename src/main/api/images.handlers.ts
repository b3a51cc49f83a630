import type { ApiHandlers } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import { isoNow } from '../library/clock'
import type { Library } from '../library/library'

type ImageOps =
  | 'images.rendition'
  | 'images.focal'
  | 'images.picture'
  | 'images.syncRenditions'
  | 'galleries.create'
  | 'galleries.renditions'

export function imageHandlers(library: Library): Pick<ApiHandlers, ImageOps> {
  const { renditions, pictures, galleries, renditionSync, images, storedRenditions } = library.imaging
  return {
    'images.rendition': async ({ id, spec }, { user }) => {
      const [rendition] = await renditions.ensure(user.id, id, [spec])
      const { key: _key, ...info } = rendition as NonNullable<typeof rendition>
      return info
    },
    'images.focal': async ({ id, focal }, { user }) => {
      const image = renditions.image(user.id, id)
      if (focal) {
        const inside = focal.x <= image.width && focal.y <= image.height
        if (!inside || focal.width > image.width || focal.height > image.height) {
          throw new CastdeskError(
            'invalid_input',
            `The focal point (${focal.x}, ${focal.y}, ${focal.width}×${focal.height}) does not fit the ${image.width}×${image.height} image: give its centre x/y and its size in the image's pixels.`,
          )
        }
      }
      images.setFocalPoint(user.id, id, focal, isoNow(library.clock))
      const dependent = storedRenditions.forImage(id).filter((r) => r.focalKey !== '')
      const removed = await renditions.remove(dependent)
      return { id, focal_point: focal, renditions_removed: removed }
    },
    'images.picture': async ({ id, slot }, { user }) => {
      const { html, ...rest } = await pictures.picture(user.id, id, slot)
      return { ...rest, html }
    },
    'images.syncRenditions': async (_input, { user, onProgress }) => {
      await library.storages.identity.require(['default'])
      return renditionSync.sync(user.id, (done, total) =>
        onProgress?.({ operation: 'images.syncRenditions', done, total }),
      )
    },
    'galleries.create': async ({ imageIds }, { user }) => galleries.create(user.id, imageIds),
    'galleries.renditions': async ({ id }, { user }) => {
      await library.storages.identity.require(['default'])
      const result = await galleries.makeRenditions(user.id, id)
      if (!result) throw new CastdeskError('not_found', `There is no gallery ${id} in your library.`)
      return { id, ...result }
    },
  }
}
