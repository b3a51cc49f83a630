import { useState } from 'react'
import {
  type AudioChapters,
  CHAPTER_FILE_FORMATS,
  type ChapterFileFormat,
} from '../../../../shared/api/audio.api'
import { messageOf, requireClient } from '../../lib/client'
import { downloadText, fileStem } from '../../lib/download-text'
import { FileButton } from '../../lib/FileButton'

const LABEL: Record<ChapterFileFormat, string> = {
  mp4chaps: 'MP4chaps text',
  psc: 'Podlove Simple Chapters (XML)',
  'podlove-json': 'Podlove JSON',
  podcasting2: 'Podcasting 2.0 JSON',
  audacity: 'Audacity labels',
  ffmetadata: 'FFmpeg metadata',
}

interface Props {
  id: number
  title: string
  /** Unsaved edits: exporting or writing would use the saved chapters, so both wait. */
  dirty: boolean
  onImported: (chapters: AudioChapters) => void
  onTranscript: () => void
}

/** Chapter files in and out (every format), chapters written into the audio files, transcript import. */
export function ChapterFiles({ id, title, dirty, onImported, onTranscript }: Props) {
  const [format, setFormat] = useState<ChapterFileFormat>('podlove-json')
  const [busy, setBusy] = useState<string | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  const run = async (label: string, work: () => Promise<string>) => {
    setBusy(label)
    setMessage(null)
    try {
      setMessage({ ok: true, text: await work() })
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) })
    } finally {
      setBusy(null)
    }
  }

  const importFile = (kind: 'chapters' | 'transcript') => (file: File) => {
    void run(kind, async () => {
      const text = await file.text()
      if (kind === 'chapters') {
        const imported = await requireClient().call('audio.importChapters', { id, text, name: file.name })
        onImported(imported)
        return `Imported ${imported.chapters.length} chapters from ${file.name} (${LABEL[imported.format]}).`
      }
      const transcript = await requireClient().call('audio.importTranscript', { id, text, name: file.name })
      onTranscript()
      return `Imported a transcript of ${transcript.cues} cues from ${file.name}.`
    })
  }

  const exportFile = () =>
    run('export', async () => {
      const out = await requireClient().call('audio.exportChapters', { id, format })
      downloadText(out.text, out.mime, `${fileStem(title)}.chapters.${out.extension}`)
      return `Exported as ${LABEL[format]}.`
    })

  const writeIntoFiles = () =>
    run('write', async () => {
      const { files } = await requireClient().call('audio.writeChapters', { id })
      const list = files.map((f) => `${f.format.toUpperCase()} (${f.chapters})`).join(', ')
      return `Chapters written into ${list}.`
    })

  return (
    <div className="chapter-files">
      <div className="row wrap">
        <select
          aria-label="Chapter file format"
          value={format}
          onChange={(e) => setFormat(e.target.value as ChapterFileFormat)}
        >
          {CHAPTER_FILE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {LABEL[f]}
            </option>
          ))}
        </select>
        <button type="button" onClick={exportFile} disabled={busy !== null || dirty}>
          Export
        </button>
        <FileButton
          label="Import chapters…"
          accept=".txt,.json,.xml,.psc,.chapters,.ffmeta,.ffmetadata,.vtt"
          onFile={importFile('chapters')}
          disabled={busy !== null}
        />
      </div>
      <div className="row wrap">
        <button
          type="button"
          onClick={writeIntoFiles}
          disabled={busy !== null || dirty}
          title="Writes the saved chapters into the MP3, M4A and Ogg files themselves"
        >
          {busy === 'write' ? 'Writing…' : 'Write chapters into the audio files'}
        </button>
        <FileButton
          label="Import transcript…"
          accept=".vtt,.srt,.json"
          onFile={importFile('transcript')}
          disabled={busy !== null}
        />
      </div>
      {dirty && <p className="muted small">Save your edits to export them or write them into the files.</p>}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  )
}
