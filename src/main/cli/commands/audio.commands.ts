import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { ApiInput } from '../../../shared/api'
import type { ExportedText } from '../../../shared/api/audio.api'
import { CastdeskError } from '../../../shared/errors'
import { formatBytes, formatDuration } from '../../../shared/format'
import type { ChapterMarkItem } from '../../../shared/media'
import { formatClockTime } from '../../../shared/timecode'
import { type GlobalOptions, withSession } from '../cli-context'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'
import { registerAudioMasteringCommands } from './audio-mastering.commands'

interface ChaptersOptions {
  import?: string
  format?: string
  export?: string
  fromFile?: boolean
}

interface TranscriptOptions {
  import?: string
  format?: string
  export?: string
}

export function registerAudioCommands(program: Command, globals: () => GlobalOptions): void {
  const audio = program
    .command('audio')
    .description('audio files, chapter marks, transcripts, player data and waveform peaks of an Audio')
  const run = <T>(work: Parameters<typeof withSession<T>>[1]) => withSession(globals(), work)
  const json = () => globals().json ?? false

  audio
    .command('add-file')
    .description('add a format (mp3, m4a, oga, opus) to an Audio, or replace the file of that format')
    .argument('<id>', 'audio id', parseId)
    .argument('<file>', 'audio file')
    .action(async (id: number, path: string) => {
      const added = await run(({ call, context }) => call('audio.addFile', { id, path }, context))
      if (json()) printJson(added)
      else
        printLines([
          `${added.replaced ? 'replaced' : 'added'} ${added.format} of audio #${id}: ${added.file.path ?? added.file.key} (${formatBytes(added.file.size)}); duration ${formatDuration(added.duration_ms)}`,
        ])
    })

  audio
    .command('edit')
    .description('set the title and/or subtitle of an Audio')
    .argument('<id>', 'audio id', parseId)
    .option('--title <title>', 'new title')
    .option('--subtitle <subtitle>', 'new subtitle ("" clears it)')
    .action(async (id: number, options: { title?: string; subtitle?: string }) => {
      if (options.title === undefined && options.subtitle === undefined) {
        throw new CastdeskError('invalid_input', 'Give --title and/or --subtitle.')
      }
      const result = await run(({ call, context }) => call('audio.update', { id, ...options }, context))
      if (json()) printJson(result)
      else printLines([`#${id}: ${result.title}${result.subtitle ? ` — ${result.subtitle}` : ''}`])
    })

  audio
    .command('chapters')
    .description(
      'show the chapter marks; --import a chapter file (format detected unless --format), --export one, or --from-file to re-read those embedded in the audio files',
    )
    .argument('<id>', 'audio id', parseId)
    .option('--import <file>', 'replace the chapter marks with those of a chapter file ("-" reads stdin)')
    .option(
      '--format <format>',
      'format of the imported file: mp4chaps, psc, podlove-json, podcasting2, audacity, ffmetadata',
    )
    .option(
      '--export <format>',
      'print the chapter marks as mp4chaps, psc, podlove-json, podcasting2, audacity or ffmetadata',
    )
    .option('--from-file', 'replace the chapter marks with those embedded in the audio files')
    .action(async (id: number, options: ChaptersOptions) => {
      const chosen = [options.import, options.export, options.fromFile].filter((o) => o !== undefined)
      if (chosen.length > 1)
        throw new CastdeskError('invalid_input', 'Use one of --import, --export and --from-file.')
      if (options.format && !options.import)
        throw new CastdeskError('invalid_input', '--format goes with --import.')
      if (options.export) {
        const format = options.export
        const exported = await run(({ call, context }) =>
          call(
            'audio.exportChapters',
            { id, format: format as ApiInput<'audio.exportChapters'>['format'] },
            context,
          ),
        )
        return printExport(exported, json())
      }
      const result = await run(({ call, context }) => {
        if (options.import) {
          const format = options.format as ApiInput<'audio.importChapters'>['format']
          return call('audio.importChapters', { id, ...importSource(options.import), format }, context)
        }
        if (options.fromFile) return call('audio.readEmbeddedChapters', { id }, context)
        return call('audio.chapters', { id }, context)
      })
      if (json()) printJson(result)
      else printLines(result.chapters.map(chapterLine))
    })

  audio
    .command('write-chapters')
    .description(
      'write the chapter marks into every file of the Audio (no re-encode), verified by reading them back',
    )
    .argument('<id>', 'audio id', parseId)
    .action(async (id: number) => {
      const result = await run(({ call, context }) => call('audio.writeChapters', { id }, context))
      if (json()) printJson(result)
      else
        printLines(
          result.files.map(
            (f) =>
              `${f.format}: ${f.chapters} chapters written (${formatBytes(f.size)}, sha256 ${f.sha256.slice(0, 12)}…)`,
          ),
        )
    })

  audio
    .command('transcript')
    .description(
      'show the transcript; --import one (WebVTT, SRT, Podlove JSON, DOTe, Podcasting 2.0 JSON) or --export it',
    )
    .argument('<id>', 'audio id', parseId)
    .option('--import <file>', 'replace the transcript ("-" reads stdin); the file is kept as it is')
    .option('--format <format>', 'format of the imported file: vtt, srt, podlove, dote, podcasting2')
    .option('--export <format>', 'print the transcript as vtt, srt, podlove, dote or podcasting2')
    .action(async (id: number, options: TranscriptOptions) => {
      if (options.import && options.export)
        throw new CastdeskError('invalid_input', 'Use --import or --export, not both.')
      if (options.format && !options.import)
        throw new CastdeskError('invalid_input', '--format goes with --import.')
      if (options.export) {
        const format = options.export
        const exported = await run(({ call, context }) =>
          call(
            'audio.exportTranscript',
            { id, format: format as ApiInput<'audio.exportTranscript'>['format'] },
            context,
          ),
        )
        return printExport(exported, json())
      }
      const info = await run(({ call, context }) => {
        if (!options.import) return call('audio.transcript', { id }, context)
        const format = options.format as ApiInput<'audio.importTranscript'>['format']
        return call('audio.importTranscript', { id, ...importSource(options.import), format }, context)
      })
      if (json()) printJson(info)
      else if (!info.format && info.cues === 0) printLines([`audio #${id} has no transcript`])
      else
        printLines([
          `${info.cues} cues (${info.format}); speakers: ${info.speakers.join(', ') || 'none'}`,
          ...(info.file ? [`file: ${info.file.path ?? info.file.key} (${formatBytes(info.file.size)})`] : []),
        ])
    })

  audio
    .command('player')
    .description('Podlove Web Player 5 episode data (JSON)')
    .argument('<id>', 'audio id', parseId)
    .option(
      '--base-url <url>',
      'URL the storage keys are appended to (default: the storage’s URL of each file)',
    )
    .action(async (id: number, options: { baseUrl?: string }) => {
      const data = await run(({ call, context }) =>
        call('audio.player', { id, mediaBaseUrl: options.baseUrl }, context),
      )
      printJson(data)
    })

  audio
    .command('peaks')
    .description('waveform peaks (min/max pairs, BBC audiowaveform JSON with --json); computed once')
    .argument('<id>', 'audio id', parseId)
    .action(async (id: number) => {
      const peaks = await run(({ call, context }) => call('audio.peaks', { id }, context))
      if (json()) printJson(peaks)
      else
        printLines([
          `${peaks.length} peaks from the ${peaks.format} file, ${peaks.sample_rate / peaks.samples_per_pixel} per second (--json prints them)`,
        ])
    })

  registerAudioMasteringCommands(audio, globals)
}

/** A chapter or transcript file for the engine: its path, or for "-" the text read from stdin. */
function importSource(file: string): { path: string } | { text: string; name: string } {
  return file === '-' ? { text: readFileSync(0, 'utf8'), name: 'stdin' } : { path: file }
}

function printExport(exported: ExportedText, asJson: boolean): void {
  if (asJson) printJson(exported)
  else process.stdout.write(exported.text.endsWith('\n') ? exported.text : `${exported.text}\n`)
}

function chapterLine(chapter: ChapterMarkItem): string {
  const extras = [chapter.link ? `<${chapter.link}>` : '', chapter.image ? `[image ${chapter.image}]` : '']
  return [formatClockTime(chapter.start_ms), chapter.title, ...extras].filter(Boolean).join('  ')
}
