import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll } from 'vitest'
import { type Call, createDispatcher } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlers'
import { actingUser } from '../../../src/main/api/users.handlers'
import { Library } from '../../../src/main/library/library'
import { type CastdeskServer, startServer } from '../../../src/main/server/server'
import type { User } from '../../../src/shared/media'

export interface TestUser {
  user: User
  token: string
  headers: Record<string, string>
}

export interface ServerFixture {
  library: Library
  call: Call
  server: CastdeskServer
  url: string
  /** A user (created on first use) with a fresh API token made through the contract. */
  user(name: string): Promise<TestUser>
  /** Waits until the background jobs (posters of uploaded videos…) are all done. */
  settle(): Promise<void>
}

/**
 * A library (with config overrides, every configured storage set up) served on a free port of 127.0.0.1, jobs running in the
 * background and their updates on the event streams; everything stopped after the test file.
 */
export async function serveTestLibrary(
  dir: string,
  config: Record<string, unknown> = {},
): Promise<ServerFixture> {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'castdesk.config.json'), JSON.stringify(config))
  let server: CastdeskServer | null = null
  const library = await Library.open(dir, { create: true, onJobUpdate: (job) => server?.hub.jobUpdated(job) })
  // Storages configured before `init` are set up the one way a storage is (`castdesk storages init`).
  for (const name of library.storages.registry.names()) await library.storages.identity.init(name)
  const call = createDispatcher(createHandlers(library))
  server = await startServer(library, call, { port: 0, rendererDir: null })
  library.jobs.start(50)
  const started = server
  afterAll(async () => {
    await started.close()
    await library.jobs.stop()
    library.close()
  })
  return {
    library,
    call,
    server: started,
    url: started.url,
    async user(name) {
      const user = actingUser(library, name)
      const made = await call('tokens.create', { user: name, label: 'test' }, { user })
      return { user, token: made.token, headers: { Authorization: `Bearer ${made.token}` } }
    },
    async settle() {
      const pending = library.db.prepare<[], { n: number }>(
        `SELECT count(*) AS n FROM jobs WHERE state IN ('queued', 'running')`,
      )
      const deadline = Date.now() + 60_000
      while ((pending.get()?.n ?? 0) > 0) {
        if (Date.now() > deadline) throw new Error('background jobs did not finish within 60 s')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
  }
}

/** A real multipart upload from Node's own HTTP client (fetch + FormData). */
export async function upload(
  url: string,
  headers: Record<string, string>,
  field: string,
  path: string,
  fields: Record<string, string | string[]> = {},
): Promise<Response> {
  const form = new FormData()
  form.append(field, new Blob([readFileSync(path)]), basename(path))
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one)
  return fetch(url, { method: 'POST', headers, body: form })
}
