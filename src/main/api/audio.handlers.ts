import type { ApiHandlers, ApiParsedInput } from '../../shared/api'
import type { Library } from '../library/library'
import type { EncodeOptions } from '../library/services/audio-encode.service'

type AudioOps =
  | 'audio.addFile'
  | 'audio.update'
  | 'audio.chapters'
  | 'audio.setChapters'
  | 'audio.importChapters'
  | 'audio.exportChapters'
  | 'audio.readEmbeddedChapters'
  | 'audio.writeChapters'
  | 'audio.transcript'
  | 'audio.importTranscript'
  | 'audio.exportTranscript'
  | 'audio.player'
  | 'audio.peaks'
  | 'audio.loudness'
  | 'audio.encode'
  | 'audio.queueEncode'
  | 'audio.cancelEncode'

export function audioHandlers(library: Library): Pick<ApiHandlers, AudioOps> {
  const { audios, files, chapters, chapterWriter, transcripts, player, peaks, loudness, encoder } =
    library.audio
  return {
    'audio.addFile': async ({ id, path }, { user }) => files.addFile(user.id, id, path),
    'audio.update': async ({ id, title, subtitle }, { user }) => {
      const audio = audios.update(user.id, id, { title, subtitle })
      return { id, title: audio.title, subtitle: audio.subtitle }
    },
    'audio.chapters': async ({ id }, { user }) => chapters.list(user.id, id),
    'audio.setChapters': async ({ id, chapters: marks }, { user }) => chapters.set(user.id, id, marks),
    'audio.importChapters': async ({ id, format, ...source }, { user }) =>
      chapters.importChapters(user.id, id, source, format),
    'audio.exportChapters': async ({ id, format }, { user }) => chapters.export(user.id, id, format),
    'audio.readEmbeddedChapters': async ({ id }, { user }) => chapters.readEmbedded(user.id, id),
    'audio.writeChapters': async ({ id }, { user }) => chapterWriter.write(user.id, id),
    'audio.transcript': async ({ id }, { user }) => transcripts.show(user.id, id),
    'audio.importTranscript': async ({ id, format, ...source }, { user }) =>
      transcripts.importTranscript(user.id, id, source, format),
    'audio.exportTranscript': async ({ id, format }, { user }) => transcripts.export(user.id, id, format),
    'audio.player': async ({ id, mediaBaseUrl }, { user }) => player.player(user.id, id, mediaBaseUrl),
    'audio.peaks': async ({ id }, { user }) => peaks.peaks(user.id, id),
    'audio.loudness': async ({ id }, { user, onProgress }) =>
      loudness.loudness(user.id, id, {
        onProgress: (fraction) =>
          onProgress?.({ operation: 'audio.loudness', done: Math.round(fraction * 100), total: 100 }),
      }),
    'audio.encode': async ({ id, ...options }, { user, onProgress }) =>
      encoder.encode(user.id, id, encodeOptions(options), {
        onProgress: (fraction) =>
          onProgress?.({ operation: 'audio.encode', done: Math.round(fraction * 100), total: 100 }),
      }),
    'audio.queueEncode': async ({ id, ...options }, { user }) =>
      encoder.queue(user.id, id, encodeOptions(options)),
    'audio.cancelEncode': async ({ id }, { user }) => encoder.cancel(user.id, id),
  }
}

function encodeOptions(input: Omit<ApiParsedInput<'audio.encode'>, 'id'>): EncodeOptions {
  return {
    formats: input.formats,
    targetLufs: input.target_lufs,
    truePeakDbtp: input.true_peak_dbtp,
    cover: input.cover,
  }
}
