import { join } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import { CastdeskError } from '../../../shared/errors'
import { formatDuration } from '../../../shared/format'
import { MEDIA_TYPES, type MediaType } from '../../../shared/media'
import { DEFAULT_PORT } from '../../server/default-port'
import type { EventHub } from '../../server/event-hub'
import { type GlobalOptions, libraryDirFrom, userNameFrom, withSession } from '../cli-context'
import { loadEngine } from '../load-engine'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'

/** `serve`, `search`, and the API token commands under `users`. */
export function registerServerCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('serve the REST API and the browser app on 127.0.0.1 (tokens: castdesk users token NAME)')
    .option('--port <port>', `port (default ${DEFAULT_PORT}; 0 picks a free one)`, parsePort, DEFAULT_PORT)
    .action(async (options: { port: number }) => serve(globals(), options.port, program.version() ?? 'dev'))

  program
    .command('search')
    .description('full-text search: titles, subtitles, tags, alt text, file names, chapters, transcripts')
    .argument('<query...>', 'words to find (the last one also as a prefix)')
    .option('--type <type>', `only one type: ${MEDIA_TYPES.join('|')}`)
    .option('--limit <n>', 'at most this many hits (default 50, at most 200)', parseId)
    .action(async (words: string[], options: { type?: MediaType; limit?: number }) => {
      const hits = await withSession(globals(), ({ call, context }) =>
        call('search.query', { q: words.join(' '), type: options.type, limit: options.limit }, context),
      )
      if (globals().json) return printJson(hits)
      printLines(
        hits.map((hit) => {
          const at = hit.start_ms === undefined ? '' : ` @ ${formatDuration(hit.start_ms)}`
          return `${String(hit.id).padStart(6)}  ${hit.type.padEnd(5)}  ${hit.title}  [${hit.match}${at}] ${hit.snippet}`
        }),
      )
    })

  const users = program.commands.find((command) => command.name() === 'users') ?? program.command('users')
  users
    .command('token')
    .description('make a new API token for any user (library-wide); printed once, stored only as a hash')
    .argument('<name>', 'user name')
    .option('--label <text>', 'what the token is for', '')
    .action(async (name: string, options: { label: string }) => {
      const made = await withSession(globals(), ({ call, context }) =>
        call('tokens.create', { user: name, label: options.label }, context),
      )
      if (globals().json) return printJson(made)
      printLines([made.token])
      process.stderr.write(
        `Token #${made.id} for ${made.user}. It is shown only now: keep it secret. Revoke it with: castdesk users revoke-token ${made.id}\n`,
      )
    })
  users
    .command('tokens')
    .description('list the API tokens of every user (library-wide), or of one, without the secrets')
    .argument('[name]', 'user name')
    .action(async (name: string | undefined) => {
      const list = await withSession(globals(), ({ call, context }) =>
        call('tokens.list', { user: name }, context),
      )
      if (globals().json) return printJson(list)
      printLines(
        list.map(
          (t) =>
            `${String(t.id).padStart(4)}  ${t.user.padEnd(16)} ${t.hint}  ${t.revoked ? `revoked ${t.revoked}` : `created ${t.created}`}  ${t.label}`,
        ),
      )
    })
  users
    .command('revoke-token')
    .description('revoke an API token by id, or every token of a user with --all NAME')
    .argument('[id]', 'token id (see castdesk users tokens)', parseId)
    .option('--all <name>', 'revoke every token of this user')
    .action(async (id: number | undefined, options: { all?: string }) => {
      if ((id === undefined) === (options.all === undefined)) {
        throw new CastdeskError('invalid_input', 'Give a token id, or --all NAME (not both).')
      }
      const target = id !== undefined ? { id } : { user: options.all as string }
      const result = await withSession(globals(), ({ call, context }) =>
        call('tokens.revoke', target, context),
      )
      if (globals().json) return printJson(result)
      printLines([`revoked ${result.revoked} token${result.revoked === 1 ? '' : 's'}`])
    })
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError(`"${value}" is not a port: use a number from 0 to 65535.`)
  }
  return port
}

/** Runs the server until SIGINT/SIGTERM, with the job runner working in the background. */
async function serve(options: GlobalOptions, port: number, version: string): Promise<void> {
  const env = process.env
  let hub: EventHub | null = null
  const { Library, actingUser, backupServiceFor, createDispatcher, createHandlers, startDailySnapshots } =
    await loadEngine()
  const library = await Library.open(libraryDirFrom(options, env), {
    env,
    checkIntegrity: true,
    onJobUpdate: (job) => hub?.jobUpdated(job),
  })
  try {
    const call = createDispatcher(createHandlers(library))
    const user = actingUser(library, userNameFrom(options, env))
    // The built CLI is out/main/cli.js; the built renderer is out/renderer.
    // The HTTP stack loads only for `serve`, so every other command starts faster.
    const { startServer } = await import('../../server/server')
    const server = await startServer(library, call, {
      port,
      rendererDir: join(__dirname, '..', 'renderer'),
      version,
    })
    hub = server.hub
    library.jobs.start()
    // A storage that is not there is said at once; the catalog is served, writes to it are refused.
    for (const status of await library.storages.identity.status({ census: false }))
      if (status.message) process.stderr.write(`castdesk: ${status.message} [${status.code}]\n`)
    const stopSnapshots = library.config.libraryBackup.automatic
      ? startDailySnapshots(backupServiceFor(library), {
          onError: (error) => library.log.warn('library.backup_daily_failed', { ...error }),
        })
      : () => undefined
    const login = `${server.url}/login?code=${server.auth.issueLoginCode(user)}`
    if (options.json)
      process.stdout.write(
        `${JSON.stringify({ url: server.url, login, user: user.name, library: library.dir })}\n`,
      )
    else
      printLines([
        `Castdesk serves ${library.dir} at ${server.url} (this machine only)`,
        `Browser, as ${user.name} (one-time link, valid 10 minutes): ${login}`,
        'API: "Authorization: Bearer <token>" (castdesk users token NAME); OpenAPI at /api/openapi.json',
        'Stop with Ctrl+C.',
      ])
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve())
    })
    stopSnapshots()
    await server.close()
    await library.jobs.stop()
  } finally {
    library.close()
  }
}
