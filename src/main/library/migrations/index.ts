/** Every numbered migration, read at build time; a file is never edited once it has landed. */
const files = import.meta.glob<string>('./*.sql', { query: '?raw', import: 'default', eager: true })

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = Object.entries(files)
  .map(([path, sql]) => {
    const match = /\/(\d{4})-([a-z0-9-]+)\.sql$/.exec(path)
    if (!match) throw new Error(`Migration file ${path} must be named NNNN-kebab-name.sql`)
    return { version: Number(match[1]), name: match[2] as string, sql }
  })
  .sort((a, b) => a.version - b.version)
