import { useCallback, useRef, useState } from 'react'
import { type UploadStatus, uploadFile } from './upload'

export interface ImportEntry {
  key: string
  name: string
  size: number
  status: UploadStatus
  message: string
}

export interface ImportBatch {
  id: number
  entries: ImportEntry[]
}

/** Uploads dropped files two at a time; `finished` counts completed files (to refresh the grid). */
export function useImport() {
  const [batches, setBatches] = useState<ImportBatch[]>([])
  const [finished, setFinished] = useState(0)
  const nextId = useRef(1)

  const update = useCallback((batchId: number, key: string, patch: Partial<ImportEntry>) => {
    setBatches((all) =>
      all.map((b) =>
        b.id !== batchId
          ? b
          : { ...b, entries: b.entries.map((e) => (e.key === key ? { ...e, ...patch } : e)) },
      ),
    )
  }, [])

  const start = useCallback(
    (files: File[]) => {
      if (files.length === 0) return
      const batchId = nextId.current++
      const entries = files.map((f, i) => ({
        key: `${batchId}-${i}`,
        name: f.name,
        size: f.size,
        status: 'queued' as const,
        message: 'Waiting',
      }))
      setBatches((all) => [{ id: batchId, entries }, ...all])
      if (window.castdesk) {
        for (const e of entries) {
          update(batchId, e.key, {
            status: 'error',
            message: 'Drop import in the desktop window needs the file-path bridge (not built yet).',
          })
        }
        return
      }
      const queue = files.map((file, i) => ({ file, key: `${batchId}-${i}` }))
      const worker = async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          update(batchId, job.key, { status: 'uploading', message: 'Uploading…' })
          const result = await uploadFile(job.file)
          update(batchId, job.key, { status: result.status, message: result.message })
          setFinished((n) => n + 1)
        }
      }
      void Promise.all([worker(), worker()])
    },
    [update],
  )

  const clear = useCallback(() => setBatches([]), [])
  return { batches, finished, start, clear }
}
