import { useCall } from '../../lib/use-call'
import { Unavailable } from './Unavailable'

const ICON = { ok: '✓', warning: '!', error: '✕' } as const

/** `system.doctor`: tools, formats, the library and storages, each with what to fix. */
export function DoctorScreen() {
  const doctor = useCall('system.doctor', {})
  return (
    <section className="page">
      <header className="section-head">
        <h1>Check setup</h1>
        <button type="button" onClick={doctor.reload} disabled={doctor.loading}>
          {doctor.loading ? 'Checking…' : 'Check again'}
        </button>
      </header>
      {doctor.error && <Unavailable error={doctor.error} what="The setup check" />}
      {doctor.data && (
        <>
          <p className={doctor.data.ok ? 'ok' : 'error'}>
            {doctor.data.ok ? 'Everything Castdesk needs is in place.' : 'Some things need your attention.'}
          </p>
          <ul className="checks">
            {doctor.data.checks.map((c) => (
              <li key={c.id} className={`check check-${c.status}`}>
                <span className="check-icon" aria-hidden="true">
                  {ICON[c.status]}
                </span>
                <div>
                  <strong>{c.title}</strong>
                  <p>{c.message}</p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
