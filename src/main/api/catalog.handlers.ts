import { rm, stat } from 'node:fs/promises'
import type { ApiHandlers, ApiParsedInput } from '../../shared/api'
import { CastdeskError, ERROR_CODES, type ErrorCode } from '../../shared/errors'
import type { AudioFormatName, MediaItem, MediaType } from '../../shared/media'
import { classify, extensionOf } from '../importer/classify'
import { probeStaged } from '../importer/probe-staged'
import { stagedUploadPath } from '../importer/staged-uploads'
import { isoNow } from '../library/clock'
import type { Library } from '../library/library'
import { readHeader } from '../media/detect'

type CatalogOps = 'media.page' | 'media.update' | 'media.file' | 'media.upload'

const notFound = (id: number) => new CastdeskError('not_found', `There is no item ${id} in your library.`)

export function catalogHandlers(library: Library): Pick<ApiHandlers, CatalogOps> {
  const { query, edit, ownership } = library.catalog
  const item = (ownerId: number, id: number): MediaItem => {
    const found = library.mediaRead.get(ownerId, id)
    if (!found) throw notFound(id)
    return found
  }
  return {
    'media.page': async ({ type, page, pageSize, q, tags }, { user }) => {
      const { count, ids } = query.page(user.id, {
        type,
        q: q?.trim() || undefined,
        tags,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      })
      if (page > 1 && ids.length === 0) {
        const pages = Math.max(1, Math.ceil(count / pageSize))
        throw new CastdeskError('not_found', `There is no page ${page}: there are ${pages} of ${pageSize}.`)
      }
      const results = library.mediaRead.getMany(user.id, ids)
      return { count, page, pageSize, results }
    },
    'media.update': async ({ id, title, subtitle, alt_text, tags }, { user }) => {
      const current = item(user.id, id)
      if (subtitle !== undefined && current.type !== 'audio') {
        throw new CastdeskError(
          'invalid_input',
          `Item ${id} is ${article(current.type)}: only audio has a subtitle.`,
        )
      }
      if (alt_text !== undefined && current.type !== 'image') {
        throw new CastdeskError(
          'invalid_input',
          `Item ${id} is ${article(current.type)}: only images have alt text.`,
        )
      }
      const changed = edit.update(
        user.id,
        id,
        { title, subtitle, altText: alt_text, tags },
        isoNow(library.clock),
      )
      if (!changed) throw notFound(id)
      return item(user.id, id)
    },
    'media.file': async ({ key }, { user }) => {
      const file = ownership.file(user.id, key)
      if (!file) throw new CastdeskError('not_found', `There is no file "${key}" in your library.`)
      return {
        key: file.key,
        media_id: file.mediaId,
        size: file.size,
        sha256: file.sha256,
        mime: file.mime,
        path: library.storage.localPath(file.key),
        url: library.storage.url(file.key),
      }
    },
    'media.upload': async (sent, { user }) => {
      const path = stagedUploadPath(library.stagingDir, user.id, sent.upload)
      // Only the last segment of the sender's name: it names a file, never a place.
      const input = { ...sent, name: sent.name.split(/[\\/]/).at(-1) || 'upload' }
      try {
        const info = await stat(path).catch(() => null)
        if (!info?.isFile()) {
          throw new CastdeskError('not_found', `The upload of ${input.name} is gone: send the file again.`)
        }
        if (input.type || input.format) await assertKind(library, path, info.size, input)
        const outcome = await library.importer.importOne(user.id, {
          path,
          display: input.name,
          name: input.name,
        })
        if (outcome.status === 'error' || outcome.status === 'skipped' || outcome.id === undefined) {
          const code = outcome.error?.code ?? 'internal'
          const known = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal'
          throw new CastdeskError(known, outcome.error?.message ?? `${input.name} could not be imported.`)
        }
        const { title, subtitle, tags } = input
        if (outcome.status === 'imported' && (title || subtitle !== undefined || tags)) {
          edit.update(user.id, outcome.id, { title, subtitle, tags }, isoNow(library.clock))
        }
        return { status: outcome.status, item: item(user.id, outcome.id) }
      } finally {
        await rm(path, { force: true })
      }
    },
  }
}

const MP4_FAMILY = new Set(['mp4', 'm4v', 'mov'])

/** Refuses a file of another kind (or audio format) than the door asked for, before it is stored. */
async function assertKind(
  library: Library,
  path: string,
  size: number,
  input: ApiParsedInput<'media.upload'>,
): Promise<void> {
  const { name } = input
  const classified = await classify(await readHeader(path), size, name, library.config.uploadLimits)
  let type: MediaType = classified.kind === 'master' ? 'audio' : classified.kind
  let format: AudioFormatName | null = classified.kind === 'audio' ? classified.format : null
  // An MP4 holding only audio is imported as M4A audio: only the probe can tell.
  if (classified.kind === 'video' && MP4_FAMILY.has(classified.container)) {
    const probed = await probeStaged(
      path,
      classified,
      name,
      () => library.tool('ffprobe').path,
      extensionOf(name),
    )
    type = probed.type === 'master' ? 'audio' : probed.type
    format = probed.type === 'audio' ? probed.format : null
  }
  if (input.type && type !== input.type) {
    throw new CastdeskError(
      'invalid_input',
      `${name} is ${article(type)}, not ${article(input.type)}: upload it as ${article(type)}.`,
    )
  }
  if (input.format && format && format !== input.format) {
    throw new CastdeskError(
      'invalid_input',
      `${name} is ${format.toUpperCase()} audio, not ${input.format.toUpperCase()}: send it as ${format}.`,
    )
  }
}

const ARTICLE: Record<MediaType, string> = {
  image: 'an image',
  audio: 'an audio file',
  video: 'a video',
  file: 'a file',
}

function article(type: MediaType): string {
  return ARTICLE[type]
}
