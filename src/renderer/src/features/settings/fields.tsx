import { useId } from 'react'

interface FieldProps {
  label: string
  /** The schema's message for this field, shown under it. */
  error?: string
  hint?: string
}

function Message({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  if (error)
    return (
      <span id={id} className="field-error" data-testid="field-error">
        {error}
      </span>
    )
  return hint ? (
    <span id={id} className="field-hint">
      {hint}
    </span>
  ) : null
}

/** A number input that keeps what was typed (NaN for text) so the schema can name the problem. */
export function NumberField({
  label,
  error,
  hint,
  value,
  onChange,
  unit,
  hideLabel,
}: FieldProps & { value: number; onChange: (value: number) => void; unit?: string; hideLabel?: boolean }) {
  const id = useId()
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label className={hideLabel ? 'visually-hidden' : 'field-label'} htmlFor={`${id}-input`}>
        {label}
      </label>
      <span className="field-input">
        <input
          id={`${id}-input`}
          type="number"
          value={Number.isNaN(value) ? '' : value}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? id : undefined}
        />
        {unit && <span className="muted">{unit}</span>}
      </span>
      <Message id={id} error={error} hint={hint} />
    </div>
  )
}

/** A text input; empty means "not set" (undefined) when `optional`. */
export function TextField({
  label,
  error,
  hint,
  value,
  onChange,
  placeholder,
}: FieldProps & { value: string | undefined; onChange: (value: string) => void; placeholder?: string }) {
  const id = useId()
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label className="field-label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        value={value ?? ''}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? id : undefined}
      />
      <Message id={id} error={error} hint={hint} />
    </div>
  )
}

export function CheckField({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  const id = useId()
  return (
    <div className="field field-check">
      <label className="check-label">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={hint ? id : undefined}
        />
        {label}
      </label>
      {hint && (
        <span id={id} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  )
}
