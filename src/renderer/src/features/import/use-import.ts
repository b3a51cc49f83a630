import { useCallback, useRef, useState } from 'react'
import { importer } from './import-file'
import type { UploadStatus } from './upload'

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

/** Imports dropped files two at a time (uploaded, or by path in the desktop window); `finished` counts completed files (to refresh the grid). */
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
      const queue = files.map((file, i) => ({ file, key: `${batchId}-${i}` }))
      const worker = async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          update(batchId, job.key, { status: 'uploading', message: importer.busyMessage })
          const result = await importer.importFile(job.file)
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
