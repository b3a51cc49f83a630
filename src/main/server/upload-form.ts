import type { FastifyRequest } from 'fastify'
import { CastdeskError } from '../../shared/errors'
import type { User } from '../../shared/media'
import { discardUpload, type StagedUpload, stageUpload } from '../importer/staged-uploads'

export interface UploadForm {
  /** The file field that carried the file, its staged upload and the sender's file name. */
  file: { field: string; name: string; staged: StagedUpload }
  /** Text fields: one value, or several when repeated. */
  fields: Record<string, string | string[]>
}

export interface UploadFormSpec {
  /** Accepted file fields; exactly one of them must carry a file. */
  fileFields: readonly string[]
  /** Bytes at most (from uploadLimits); a larger file is read to its end unwritten, then refused. */
  limit: number
  stagingDir: string
}

const MAX_FIELD_BYTES = 64 * 1024

/**
 * Reads a multipart form, streaming its one file into upload staging (see stageUpload). The whole
 * request is always read before an error is thrown, so the client gets the answer (413, 400)
 * rather than a reset connection, and nothing read is left on disk.
 */
export async function readUploadForm(
  request: FastifyRequest,
  user: User,
  spec: UploadFormSpec,
): Promise<UploadForm> {
  if (!request.isMultipart()) {
    throw new CastdeskError(
      'invalid_input',
      `Send the file as multipart/form-data in the field ${spec.fileFields.map((f) => `"${f}"`).join(' or ')}.`,
    )
  }
  const fields: Record<string, string | string[]> = {}
  let file: UploadForm['file'] | null = null
  let failure: unknown = null
  const parts = request.parts({
    // One byte over the limit is enough to know; busboy drops the rest of that file unread.
    // (The multipart plugin is registered with throwFileSizeLimit: false: this code decides.)
    limits: { fileSize: spec.limit + 1, files: 4, fields: 20, fieldSize: MAX_FIELD_BYTES, parts: 30 },
  })
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = String(part.value)
        const existing = fields[part.fieldname]
        fields[part.fieldname] = existing === undefined ? value : [...[existing].flat(), value]
        continue
      }
      if (failure || file || !spec.fileFields.includes(part.fieldname)) {
        part.file.resume()
        await new Promise<void>((resolve) => part.file.once('close', resolve).once('end', resolve))
        failure ??= new CastdeskError(
          'invalid_input',
          file
            ? 'Send one file per upload.'
            : `"${part.fieldname}" is not a file field here: use ${spec.fileFields.map((f) => `"${f}"`).join(' or ')}.`,
        )
        continue
      }
      const name = part.filename || part.fieldname
      try {
        const staged = await stageUpload(part.file, spec.stagingDir, user.id, spec.limit, name)
        file = { field: part.fieldname, name, staged }
      } catch (error) {
        failure = error
      }
    }
  } catch (error) {
    failure ??= limitError(error)
  }
  if (failure || !file) {
    if (file) await discardUpload(spec.stagingDir, user.id, file.staged.upload)
    throw (
      failure ??
      new CastdeskError(
        'invalid_input',
        `No file came with the upload: send it in the field ${spec.fileFields.map((f) => `"${f}"`).join(' or ')}.`,
      )
    )
  }
  return { file, fields }
}

/** busboy's part, file and field limits as this door's error. */
function limitError(error: unknown): unknown {
  const code = (error as { code?: string }).code ?? ''
  if (/^FST_(PARTS|FILES|FIELDS)_LIMIT$/.test(code) || code === 'FST_PROTO_VIOLATION') {
    return new CastdeskError(
      'invalid_input',
      `The upload form is not one Castdesk takes (${(error as Error).message}).`,
    )
  }
  return error
}
