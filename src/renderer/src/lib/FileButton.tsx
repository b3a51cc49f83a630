import type { ChangeEvent } from 'react'

interface Props {
  label: string
  accept: string
  disabled?: boolean
  onFile: (file: File) => void
}

/** A button that opens the file chooser (a label around a hidden file input, keyboard-reachable). */
export function FileButton({ label, accept, disabled, onFile }: Props) {
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    // Cleared, so that choosing the same file again is a change too.
    e.target.value = ''
    if (file) onFile(file)
  }
  return (
    <label className="button">
      {label}
      <input type="file" className="visually-hidden" accept={accept} onChange={change} disabled={disabled} />
    </label>
  )
}
