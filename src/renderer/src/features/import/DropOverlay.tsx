import { useEffect, useState } from 'react'
import { droppedFiles } from './dropped-files'

/** Accepts files and folders dropped anywhere on the window, with a full-window hint while dragging. */
export function DropOverlay({ onFiles }: { onFiles: (files: File[]) => void }) {
  const [over, setOver] = useState(false)
  useEffect(() => {
    let depth = 0
    const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'))
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth++
      setOver(true)
    }
    const leave = () => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const overHandler = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault()
    }
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer) return
      e.preventDefault()
      depth = 0
      setOver(false)
      void droppedFiles(e.dataTransfer).then((files) => files.length > 0 && onFiles(files))
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', overHandler)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', overHandler)
      window.removeEventListener('drop', drop)
    }
  }, [onFiles])
  if (!over) return null
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-card">Drop to import into your library</div>
    </div>
  )
}
