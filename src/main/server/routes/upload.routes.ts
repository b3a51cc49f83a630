import type { FastifyReply } from 'fastify'
import type { UploadLimits } from '../../../shared/config-schema'
import { CastdeskError } from '../../../shared/errors'
import { AUDIO_FORMATS, type AudioFormatName, type MediaType, type User } from '../../../shared/media'
import { discardUpload } from '../../importer/staged-uploads'
import { withMediaUrls } from '../present'
import { uploadFields } from '../rest-schemas'
import { type Route, route } from '../route-table'
import type { ServerDeps } from '../server-deps'
import { readUploadForm } from '../upload-form'

interface UploadSpec {
  url: string
  type: MediaType
  fileFields: readonly string[]
  limit: keyof UploadLimits
  tag: string
  summary: string
  /** django-cast's legacy answer: 201 with the new id as plain text. */
  legacy?: boolean
}

const UPLOADS: readonly UploadSpec[] = [
  {
    url: '/api/images/',
    type: 'image',
    fileFields: ['file'],
    limit: 'imageBytes',
    tag: 'images',
    summary: 'Uploads an image',
  },
  {
    url: '/api/audios/',
    type: 'audio',
    fileFields: [...AUDIO_FORMATS, 'master'],
    limit: 'audioBytes',
    tag: 'audios',
    summary:
      'Uploads one format file of an audio (field mp3, m4a, oga or opus), or its master recording (field master: WAV, FLAC, AIFF); a later upload with the same base name joins the same Audio',
  },
  {
    url: '/api/videos/',
    type: 'video',
    fileFields: ['original'],
    limit: 'videoBytes',
    tag: 'videos',
    summary: 'Uploads a video',
  },
  {
    url: '/api/files/',
    type: 'file',
    fileFields: ['file'],
    limit: 'fileBytes',
    tag: 'files',
    summary: 'Uploads a file',
  },
  {
    url: '/api/upload_video/',
    type: 'video',
    fileFields: ['original'],
    limit: 'videoBytes',
    tag: 'videos',
    summary: "django-cast's legacy video upload: 201 with the new id as plain text",
    legacy: true,
  },
]

/** Multipart uploads, streamed to disk under the size limit, then imported by `media.upload`. */
export function uploadRoutes(deps: ServerDeps): Route[] {
  return UPLOADS.map((spec) =>
    route({
      method: 'POST',
      url: spec.url,
      doc: {
        summary: spec.summary,
        tag: spec.tag,
        operations: ['media.upload'],
        requestBody: multipartDoc(spec),
        responses: {
          201: spec.legacy ? 'The new id, as text/plain' : 'The new item',
          400: 'No file, a second file, an unknown field, or a file of another kind',
          409: 'You already have these bytes (`id` names that item)',
          413: 'Larger than uploadLimits; nothing was kept',
          422: 'Empty, damaged or unsupported content',
        },
      },
      handle: ({ user, request, reply }) => upload(deps, spec, user, request, reply),
    }),
  )
}

async function upload(
  { call, hub, library }: ServerDeps,
  spec: UploadSpec,
  user: User,
  request: Parameters<typeof readUploadForm>[0],
  reply: FastifyReply,
): Promise<unknown> {
  const stagingDir = library.stagingDir
  const form = await readUploadForm(request, user, {
    fileFields: spec.fileFields,
    // An audio upload may be a master, which has its own (larger) limit; the import checks which applies.
    limit:
      spec.type === 'audio'
        ? Math.max(library.config.uploadLimits.audioBytes, library.config.uploadLimits.masterBytes)
        : library.config.uploadLimits[spec.limit],
    stagingDir,
  })
  const { file } = form
  try {
    const parsed = uploadFields.safeParse(form.fields)
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) =>
        i.code === 'unrecognized_keys'
          ? `unknown field ${i.keys.join(', ')}`
          : `${i.path.join('.')}: ${i.message}`,
      )
      throw new CastdeskError('invalid_input', `${problems.join('; ')}.`)
    }
    if (parsed.data.subtitle !== undefined && spec.type !== 'audio') {
      throw new CastdeskError('invalid_input', 'Only audio has a subtitle.')
    }
    const format =
      spec.type === 'audio' && file.field !== 'master' ? (file.field as AudioFormatName) : undefined
    const result = await call(
      'media.upload',
      { upload: file.staged.upload, name: file.name, type: spec.type, format, ...parsed.data },
      user,
    )
    const { item, status } = result
    hub.publish(user.id, { event: 'import', data: { path: file.name, status, id: item.id, type: item.type } })
    if (status === 'duplicate') {
      return reply.code(409).send({
        code: 'duplicate',
        message: `${file.name} is already in your library as ${item.type} ${item.id} ("${item.title}").`,
        id: item.id,
      })
    }
    if (spec.legacy) return reply.code(201).type('text/plain; charset=utf-8').send(String(item.id))
    return reply.code(201).send(withMediaUrls(item))
  } catch (error) {
    hub.publish(user.id, {
      event: 'import',
      data: {
        path: file.name,
        status: 'error',
        error: { code: codeOf(error), message: (error as Error).message },
      },
    })
    throw error
  } finally {
    await discardUpload(stagingDir, user.id, file.staged.upload)
  }
}

function codeOf(error: unknown): string {
  return error instanceof CastdeskError ? error.code : 'internal'
}

function multipartDoc(spec: UploadSpec): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const field of spec.fileFields) properties[field] = { type: 'string', format: 'binary' }
  if (!spec.legacy) {
    properties.title = { type: 'string', maxLength: 255 }
    properties.tags = {
      type: 'array',
      items: { type: 'string' },
      description: 'repeat, or separate with commas',
    }
    if (spec.type === 'audio') properties.subtitle = { type: 'string', maxLength: 255 }
  }
  return {
    required: true,
    content: { 'multipart/form-data': { schema: { type: 'object', properties } } },
    description: `Exactly one file, in ${spec.fileFields.join(' or ')}; at most uploadLimits.${spec.limit} bytes.`,
  }
}
