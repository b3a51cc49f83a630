import type { User } from '../../../shared/media'
import type { Db } from '../database'

interface UserRow {
  id: number
  name: string
  created: string
}

export class UsersRepository {
  constructor(private readonly db: Db) {}

  findByName(name: string): User | null {
    const row = this.db
      .prepare<[string], UserRow>('SELECT id, name, created FROM users WHERE name = ?')
      .get(name)
    return row ?? null
  }

  insert(name: string, now: string): User {
    const result = this.db.prepare('INSERT INTO users (name, created) VALUES (?, ?)').run(name, now)
    return { id: Number(result.lastInsertRowid), name, created: now }
  }

  list(): User[] {
    return this.db.prepare<[], UserRow>('SELECT id, name, created FROM users ORDER BY name').all()
  }
}
