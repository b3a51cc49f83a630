import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlers'
import { actingUser } from '../../../src/main/api/users.handlers'
import { Library } from '../../../src/main/library/library'
import type { ImageItem } from '../../../src/shared/media'
import { tempDir } from '../../helpers/temp-dir'

describe('image metadata on import', () => {
  const root = tempDir()

  it('reports the size as shown, after EXIF orientation', async () => {
    const path = join(root, 'portrait-phone.jpg')
    await sharp({ create: { width: 60, height: 40, channels: 3, background: '#3366aa' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(path)
    const library = await Library.open(join(root, 'lib'), { create: true })
    try {
      const call = createDispatcher(createHandlers(library))
      const context = { user: actingUser(library, 'alice') }
      const [outcome] = await call('media.import', { paths: [path] }, context)
      const image = (await call('media.show', { id: outcome?.id as number }, context)) as ImageItem
      expect(image).toMatchObject({ width: 40, height: 60, format: 'jpeg', title: 'portrait-phone' })
    } finally {
      library.close()
    }
  })
})
