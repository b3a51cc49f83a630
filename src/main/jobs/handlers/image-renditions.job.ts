import type { RenditionService } from '../../library/services/rendition.service'
import type { JobHandler } from '../job-kinds'

export function imageRenditionsJob(renditions: RenditionService): JobHandler<'image.renditions'> {
  return async ({ ownerId, imageId, specs }, context) => {
    const { created } = await renditions.ensureCounted(ownerId, imageId, specs)
    context.progress(1)
    return { status: 'done', result: { created } }
  }
}
