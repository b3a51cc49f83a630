import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isoNow } from '../../../src/main/library/clock'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary } from '../../helpers/test-library'

describe('jobs.retry', () => {
  it('queues the owner’s failed job again with fresh attempts, and nobody else’s', async () => {
    const root = tempDir('castdesk-retry-')
    const t = await openTestLibrary(join(root, 'lib'))
    const alice = t.as('alice')
    const bob = t.as('bob')
    const src = makeDir(root, 'src')
    await makeImage(join(src, 'a.png'), 'png', { seed: 4 })
    const [outcome] = await t.call('media.import', { paths: [join(src, 'a.png')] }, alice)
    const jobId = t.library.jobsRepo.enqueue(
      'media.verify',
      { mediaId: outcome?.id as number },
      isoNow(t.library.clock),
      {
        ownerId: alice.user.id,
        maxAttempts: 1,
      },
    )
    t.library.jobsRepo.fail(jobId, { code: 'internal', message: 'boom' }, null, isoNow(t.library.clock))
    const [failed] = await t.call('jobs.list', { state: 'failed' }, alice)
    expect(failed).toMatchObject({
      id: jobId,
      media_id: outcome?.id,
      media_title: 'a',
      error: { message: 'boom' },
    })

    await expect(t.call('jobs.retry', { id: jobId }, bob)).rejects.toMatchObject({ code: 'not_found' })
    await expect(t.call('jobs.retry', { id: jobId }, alice)).resolves.toEqual({ id: jobId, state: 'queued' })
    await expect(t.call('jobs.retry', { id: jobId }, alice)).rejects.toMatchObject({ code: 'not_found' })
    const summary = await t.call('jobs.run', {}, alice)
    expect(summary.failed).toBe(0)
    const [done] = (await t.call('jobs.list', {}, alice)).filter((j) => j.id === jobId)
    expect(done).toMatchObject({ state: 'done', error: null })
  })
})
