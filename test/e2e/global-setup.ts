import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from '@playwright/test'
import { makeFixtures } from './fixtures'
import { startE2eS3 } from './s3rver'

const ROOT = join(__dirname, '..', '..')
const CLI = join(ROOT, 'bin', 'castdesk.js')

/**
 * Builds the app, makes a fresh library and the fixture files, starts `castdesk serve` on a free
 * port of 127.0.0.1, and logs in through the one-time link it prints (saved as storage state).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, stdio: 'ignore' })
  const temp = mkdtempSync(join(tmpdir(), 'castdesk-e2e-'))
  const library = join(temp, 'library')
  const fixtures = join(temp, 'fixtures')
  mkdirSync(fixtures)
  await makeFixtures(fixtures)
  execFileSync('node', [CLI, '--library', library, 'init'], { stdio: 'ignore' })
  // A folder to publish the podcast to (publishing.spec.ts).
  const configPath = join(library, 'castdesk.config.json')
  const config = JSON.parse(readFileSync(configPath, 'utf8'))
  config.storages = { ...config.storages, site: { type: 'local', location: join(temp, 'site') } }
  // show-import.spec.ts serves a feed on 127.0.0.1, which `serve` refuses unless allowed.
  config.feedImport = { allowPrivateNetworks: true }
  writeFileSync(configPath, JSON.stringify(config, null, 2))
  // A storage configured after `init` is set up the one way a storage is.
  execFileSync('node', [CLI, '--library', library, 'storages', 'init', 'site'], { stdio: 'ignore' })
  process.env.CASTDESK_E2E_SITE = join(temp, 'site')

  // An S3 server for the sync spec; its keys reach `castdesk serve` the way real ones do: env vars.
  const s3 = await startE2eS3()
  process.env.CASTDESK_E2E_S3_ENDPOINT = s3.endpoint
  process.env.CASTDESK_E2E_S3_DIR = s3.dir
  const server = spawn('node', [CLI, '--library', library, '--json', 'serve', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...s3.env },
  })
  const info = await firstLine(server)
  const { url, login } = JSON.parse(info) as { url: string; login: string }
  process.env.CASTDESK_E2E_URL = url
  process.env.CASTDESK_E2E_LIBRARY = library
  process.env.CASTDESK_E2E_FIXTURES = fixtures

  const context = await request.newContext()
  const response = await context.get(login)
  if (!response.ok()) throw new Error(`Login failed: HTTP ${response.status()}`)
  mkdirSync(join(ROOT, 'test-results', 'screenshots'), { recursive: true })
  await context.storageState({ path: join(ROOT, 'test-results', 'e2e-state.json') })
  await context.dispose()

  return async () => {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
    await s3.stop()
    rmSync(temp, { recursive: true, force: true })
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(() => reject(new Error('castdesk serve did not start in 20 s')), 20_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const end = buffer.indexOf('\n')
      if (end >= 0) {
        clearTimeout(timer)
        resolve(buffer.slice(0, end))
      }
    })
    child.once('exit', (code) => reject(new Error(`castdesk serve exited with ${code}`)))
  })
}
