export type UploadStatus = 'queued' | 'uploading' | 'imported' | 'duplicate' | 'error'

export interface UploadResult {
  status: Exclude<UploadStatus, 'queued' | 'uploading'>
  message: string
  id?: number
}

const AUDIO = new Map([
  ['mp3', 'mp3'],
  ['m4a', 'm4a'],
  ['oga', 'oga'],
  ['ogg', 'oga'],
  ['opus', 'opus'],
])
const MASTER = /\.(wav|wave|flac|aif|aiff|w64)$/i
const IMAGE = /\.(jpe?g|png|gif|webp|avif|tiff?)$/i
const VIDEO = /\.(mp4|m4v|mov|webm|mkv|avi|ogv)$/i

/** The REST upload route and its file field for a file (the server still checks the bytes). */
export function routeFor(file: File): { url: string; field: string } {
  const ext = file.name.split('.').at(-1)?.toLowerCase() ?? ''
  const audio = AUDIO.get(ext)
  if (audio && !file.type.startsWith('video/')) return { url: '/api/audios/', field: audio }
  if (MASTER.test(file.name)) return { url: '/api/audios/', field: 'master' }
  if (IMAGE.test(file.name) || file.type.startsWith('image/')) return { url: '/api/images/', field: 'file' }
  if (VIDEO.test(file.name) || file.type.startsWith('video/'))
    return { url: '/api/videos/', field: 'original' }
  return { url: '/api/files/', field: 'file' }
}

/** Uploads one file through `castdesk serve`'s multipart routes (browser mode). */
export async function uploadFile(file: File): Promise<UploadResult> {
  const { url, field } = routeFor(file)
  const form = new FormData()
  form.append(field, file, file.name)
  let response: Response
  try {
    response = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin' })
  } catch (e) {
    return { status: 'error', message: `The upload failed: ${(e as Error).message}` }
  }
  const body = (await response.json().catch(() => null)) as {
    id?: number
    message?: string
    title?: string
    type?: string
  } | null
  if (response.status === 201) {
    return {
      status: 'imported',
      message: `Imported as ${body?.type ?? 'item'} “${body?.title ?? file.name}”`,
      id: body?.id,
    }
  }
  if (response.status === 409) {
    return { status: 'duplicate', message: body?.message ?? 'Already in your library.', id: body?.id }
  }
  return { status: 'error', message: body?.message ?? `The server answered HTTP ${response.status}.` }
}
