import { useState } from 'react'
import { messageOf, requireClient } from '../../lib/client'
import { useCall } from '../../lib/use-call'

/** The library's users (every item has an owner); adding one (`users.add`). */
export function UsersSettings() {
  const users = useCall('users.list', {})
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [added, setAdded] = useState<string | null>(null)

  const add = async (event: React.FormEvent) => {
    event.preventDefault()
    setAdded(null)
    try {
      const user = await requireClient().call('users.add', { name })
      setAdded(user.name)
      setName('')
      setError(null)
      users.reload()
    } catch (e) {
      setError(messageOf(e).replace(/^users\.add: name: /, ''))
    }
  }

  return (
    <section className="box" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      {users.error && <p className="error">{users.error}</p>}
      {users.data && (
        <ul className="user-list">
          {users.data.map((u) => (
            <li key={u.id}>
              <strong>{u.name}</strong>{' '}
              <span className="muted small">since {new Date(u.created).toLocaleDateString()}</span>
            </li>
          ))}
        </ul>
      )}
      <form className="add-storage" onSubmit={add} noValidate>
        <div className="field">
          <label className="field-label" htmlFor="new-user-name">
            New user
          </label>
          <input
            id="new-user-name"
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'new-user-error' : undefined}
          />
          {error && (
            <span id="new-user-error" className="field-error">
              {error}
            </span>
          )}
        </div>
        <button type="submit">Add user</button>
        {added && (
          <span className="ok" role="status">
            ✓ Added {added}. Give them an API token with <code>castdesk users token {added}</code>.
          </span>
        )}
      </form>
    </section>
  )
}
