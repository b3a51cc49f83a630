import { formatBytes } from '../../../../shared/format'

export interface Bar {
  label: string
  bytes: number
  /** A CSS class giving the bar its colour. */
  tone?: string
}

/** "37%"; "<1%" for a sliver that is not nothing. */
function share(bytes: number, total: number): string {
  if (!total || !bytes) return '0%'
  const percent = (100 * bytes) / total
  return percent < 1 ? '<1%' : `${Math.round(percent)}%`
}

/** Horizontal bars of bytes, longest first, labelled with the size and share (hand-made: a table). */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const sorted = [...bars].sort((a, b) => b.bytes - a.bytes)
  const total = sorted.reduce((sum, bar) => sum + bar.bytes, 0)
  const max = Math.max(1, ...sorted.map((bar) => bar.bytes))
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      {sorted.length === 0 && <p className="muted">Nothing stored yet.</p>}
      <table>
        <tbody>
          {sorted.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td className="bar-cell">
                <span
                  className={`bar ${bar.tone ?? ''}`}
                  style={{ width: `${Math.max(bar.bytes > 0 ? 1 : 0, (100 * bar.bytes) / max)}%` }}
                />
              </td>
              <td className="num">{formatBytes(bar.bytes)}</td>
              <td className="num muted">{share(bar.bytes, total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
