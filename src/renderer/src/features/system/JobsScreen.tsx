import { useEffect } from 'react'
import { useCall } from '../../lib/use-call'
import { Unavailable } from './Unavailable'

/** Background jobs (posters, peaks, verification), refreshed every few seconds. */
export function JobsScreen() {
  const jobs = useCall('jobs.list', {})
  const { reload } = jobs
  useEffect(() => {
    const timer = setInterval(reload, 3000)
    return () => clearInterval(timer)
  }, [reload])
  return (
    <section className="page">
      <h1>Jobs</h1>
      {jobs.error && <Unavailable error={jobs.error} what="The job list" />}
      {jobs.data && jobs.data.length === 0 && <p className="muted">No background work yet.</p>}
      {jobs.data && jobs.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col">Attempts</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => (
              <tr key={j.id}>
                <td>
                  {j.kind} <span className="muted">#{j.id}</span>
                  {j.error && <div className="error-inline">{j.error.message}</div>}
                </td>
                <td>
                  <span className={`pill pill-${j.state}`}>{j.state}</span>
                </td>
                <td>
                  <progress value={j.progress} max={1} aria-label={`Progress of job ${j.id}`} />
                </td>
                <td>{j.attempts}</td>
                <td>{new Date(j.updated).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
