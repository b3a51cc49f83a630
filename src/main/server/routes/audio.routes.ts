import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { audioInputs, type ExportedText, type TranscriptFileFormat } from '../../../shared/api/audio.api'
import { CastdeskError } from '../../../shared/errors'
import { idParams } from '../rest-schemas'
import { type Route, route } from '../route-table'
import type { ServerDeps } from '../server-deps'

const chaptersBody = audioInputs['audio.setChapters'].omit({ id: true })

/** URL → transcript export format: `.json` is Podcasting 2.0 JSON (podcast:transcript). */
const TRANSCRIPTS: readonly { url: string; format: TranscriptFileFormat; summary: string }[] = [
  { url: '/api/audios/:id/transcript.vtt', format: 'vtt', summary: 'The transcript as WebVTT' },
  { url: '/api/audios/:id/transcript.srt', format: 'srt', summary: 'The transcript as SRT' },
  {
    url: '/api/audios/:id/transcript.json',
    format: 'podcasting2',
    summary: 'The transcript as Podcasting 2.0 JSON',
  },
  {
    url: '/api/audios/:id/transcript/podlove/',
    format: 'podlove',
    summary: 'The transcript as Podlove JSON',
  },
  { url: '/api/audios/:id/transcript/dote/', format: 'dote', summary: 'The transcript as DOTe JSON' },
]

/** Podlove player data, chapter marks and transcripts of an audio (the audio.* operations). */
export function audioRoutes({ call }: ServerDeps): Route[] {
  const sendText = (reply: FastifyReply, exported: ExportedText) =>
    reply
      .type(exported.mime.includes('charset') ? exported.mime : `${exported.mime}; charset=utf-8`)
      .send(exported.text)
  return [
    route({
      method: 'GET',
      url: '/api/audios/podlove/:id/',
      params: idParams,
      doc: {
        summary: 'Podlove Web Player 5 episode data; file URLs point at this server',
        tag: 'audios',
        operations: ['audio.player'],
        responses: { 200: 'The player data', 404: 'No such audio' },
      },
      handle: ({ user, params, request }) =>
        call('audio.player', { id: params.id, mediaBaseUrl: `http://${request.headers.host}/media/` }, user),
    }),
    route({
      method: 'GET',
      url: '/api/audios/:id/chapters/',
      params: idParams,
      doc: {
        summary: 'The chapter marks: JSON, or mp4chaps text with "Accept: text/plain"',
        tag: 'audios',
        operations: ['audio.chapters', 'audio.exportChapters'],
        responses: {
          200: {
            description: '{id, duration_ms, chapters: [{start_ms, title, link, image}]} or mp4chaps text',
            content: { 'application/json': {}, 'text/plain': {} },
          },
          404: 'No such audio',
        },
      },
      handle: async ({ user, params, request, reply }) => {
        if (!wantsText(request)) return call('audio.chapters', { id: params.id }, user)
        return sendText(
          reply,
          await call('audio.exportChapters', { id: params.id, format: 'mp4chaps' }, user),
        )
      },
    }),
    route({
      method: 'PUT',
      url: '/api/audios/:id/chapters/',
      params: idParams,
      doc: {
        summary: 'Replaces every chapter mark: JSON {chapters: [...]}, or mp4chaps text (text/plain)',
        tag: 'audios',
        operations: ['audio.setChapters', 'audio.importChapters'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: z.toJSONSchema(chaptersBody, { io: 'input', unrepresentable: 'any' }),
            },
            'text/plain': {
              schema: { type: 'string', description: 'HH:MM:SS[.mmm] Title [<url>], one per line' },
            },
          },
        },
        responses: {
          200: 'The stored chapter marks',
          400: 'Invalid chapters (the message names the line)',
          404: 'No such audio',
        },
      },
      handle: async ({ user, params, body }) => {
        if (typeof body === 'string') {
          return call('audio.importChapters', { id: params.id, text: body, format: 'mp4chaps' }, user)
        }
        const parsed = chaptersBody.safeParse(body)
        if (!parsed.success) {
          throw new CastdeskError(
            'invalid_input',
            `Send {"chapters": [{start_ms, title, link?, image?}, …]}: ${parsed.error.issues[0]?.message}`,
          )
        }
        return call('audio.setChapters', { id: params.id, chapters: parsed.data.chapters }, user)
      },
    }),
    ...TRANSCRIPTS.map((transcript) =>
      route({
        method: 'GET',
        url: transcript.url,
        params: idParams,
        doc: {
          summary: transcript.summary,
          tag: 'audios',
          operations: ['audio.exportTranscript'],
          responses: {
            200: `The transcript (${transcript.format})`,
            404: 'No such audio, or it has no transcript',
          },
        },
        handle: async ({ user, params, reply }) =>
          sendText(
            reply,
            await call('audio.exportTranscript', { id: params.id, format: transcript.format }, user),
          ),
      }),
    ),
  ]
}

function wantsText(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  return accept.includes('text/plain') && !accept.includes('application/json')
}
