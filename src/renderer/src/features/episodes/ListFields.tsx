import type { ReactNode } from 'react'

/**
 * An editable list of rows (hosts, guests, funding links): each row's inputs from `row`, with a
 * Remove button, then an Add button that appends `blank()`.
 */
export function ListFields<T>({
  label,
  rowLabel,
  items,
  onChange,
  blank,
  addLabel,
  empty,
  row,
}: {
  label: string
  rowLabel: string
  items: T[]
  onChange: (items: T[]) => void
  blank: () => T
  addLabel: string
  empty?: string
  row: (item: T, edit: (patch: Partial<T>) => void) => ReactNode
}) {
  const edit = (index: number, patch: Partial<T>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)))
  return (
    <fieldset className="list-fields" aria-label={label}>
      <legend>{label}</legend>
      {items.length === 0 && empty && <p className="muted">{empty}</p>}
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <fieldset className="list-row" key={index} aria-label={`${rowLabel} ${index + 1}`}>
          {row(item, (patch) => edit(index, patch))}
          <button type="button" onClick={() => onChange(items.filter((_, i) => i !== index))}>
            Remove
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => onChange([...items, blank()])}>
        {addLabel}
      </button>
    </fieldset>
  )
}
