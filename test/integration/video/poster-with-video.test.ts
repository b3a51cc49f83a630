import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { VideoItem } from '../../../src/shared/media'
import { makeDir, makeVideo } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary } from '../../helpers/test-library'

describe('a video’s poster belongs to the video', () => {
  it('is not listed as an image, goes to the trash and comes back with its video, and is deleted with it', async () => {
    const root = tempDir('castdesk-poster-trash-')
    const t = await openTestLibrary(join(root, 'lib'))
    const me = t.as('host')
    const src = makeDir(root, 'src')
    makeVideo(join(src, 'clip.mp4'), { seconds: 2 })
    const [outcome] = await t.call('media.import', { paths: [join(src, 'clip.mp4')] }, me)
    await t.call('jobs.run', {}, me)
    const video = (await t.call('media.show', { id: outcome?.id as number }, me)) as VideoItem
    const posterId = video.poster?.image_id as number
    expect(posterId).toBeGreaterThan(0)
    // Still an image of its own for renditions, but not in lists.
    expect((await t.call('media.show', { id: posterId }, me)).type).toBe('image')
    expect((await t.call('media.list', {}, me)).map((i) => i.id)).toEqual([video.id])
    expect((await t.call('media.page', { type: 'image' }, me)).count).toBe(0)

    await t.call('media.delete', { id: video.id }, me)
    expect((await t.call('trash.list', {}, me)).map((i) => i.id).sort()).toEqual([video.id, posterId].sort())
    await expect(t.call('media.show', { id: posterId }, me)).rejects.toMatchObject({ code: 'not_found' })
    await t.call('trash.restore', { id: video.id }, me)
    expect(await t.call('trash.list', {}, me)).toEqual([])
    expect((await t.call('media.show', { id: posterId }, me)).type).toBe('image')

    await t.call('media.delete', { id: video.id }, me)
    const emptied = await t.call('trash.empty', { maxDelete: 2 }, me)
    expect(emptied.items).toBe(2)
    await expect(t.call('media.show', { id: posterId }, me)).rejects.toMatchObject({ code: 'not_found' })
    expect(await t.call('media.list', {}, me)).toEqual([])
  })
})
