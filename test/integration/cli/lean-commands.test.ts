import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeAudio } from '../../helpers/media-fixtures'
import { runCliAsync } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { credentialsEnv } from '../storage/support/s3-fixtures'
import { type S3TestServer, startS3Server } from '../storage/support/s3-server'

/**
 * Issue 16: a command loads only what it uses. A sync with nothing to do makes one S3 call (the
 * GET of the storage's marker) and loads neither the AWS SDK nor sharp: it is what a script
 * calling `castdesk sync` in a loop pays each time.
 */
describe('commands load only the packages they use', () => {
  const root = tempDir('castdesk-lean-')
  const library = join(root, 'library')
  const record = join(root, 'loaded.txt')
  const preload = join(root, 'record-loaded.cjs')
  let s3: S3TestServer

  /** Runs the CLI and returns the packages (under node_modules) and Node built-ins it loaded. */
  async function packagesLoadedBy(...args: string[]) {
    const run = await runCliAsync(['--library', library, ...args], {
      ...credentialsEnv('production'),
      NODE_OPTIONS: `--require ${preload}`,
      CASTDESK_TEST_LOADED: record,
    })
    const packages = new Set<string>()
    const builtins = new Set<string>()
    for (const line of readFileSync(record, 'utf8').split('\n')) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)
      if (match) packages.add(match[1])
      if (line.startsWith('NativeModule ')) builtins.add(line.slice('NativeModule '.length))
    }
    return { code: run.code, stderr: run.stderr, packages, builtins }
  }

  beforeAll(async () => {
    s3 = await startS3Server(['show'])
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(process.env.CASTDESK_TEST_LOADED, [...Object.keys(require.cache), ...process.moduleLoadList].join('\\n')))\n`,
    )
    mkdirSync(library, { recursive: true })
    writeFileSync(
      join(library, 'castdesk.config.json'),
      JSON.stringify({
        storages: {
          default: { type: 'local', location: 'media' },
          production: { type: 's3', bucket: 'show', endpoint: s3.endpoint, forcePathStyle: true },
        },
      }),
    )
    const env = credentialsEnv('production')
    expect((await runCliAsync(['--library', library, 'init'], env)).code).toBe(0)
    expect((await runCliAsync(['--library', library, 'storages', 'init', 'production'], env)).code).toBe(0)
    const inbox = join(root, 'inbox')
    mkdirSync(inbox)
    makeAudio(join(inbox, 'ep1.mp3'), 'mp3', { seconds: 1 })
    expect((await runCliAsync(['--library', library, 'import', inbox], env)).code).toBe(0)
  })
  afterAll(async () => {
    await s3.stop()
  })

  it('a first sync uploads with the AWS SDK; a sync with nothing to do loads neither it nor sharp', async () => {
    const first = await packagesLoadedBy('sync')
    expect(first.code, first.stderr).toBe(0)
    expect(first.packages).toContain('@aws-sdk/client-s3')
    const again = await packagesLoadedBy('sync')
    expect(again.code, again.stderr).toBe(0)
    for (const heavy of ['@aws-sdk/client-s3', 'sharp', 'fastify', 'fast-xml-parser']) {
      expect(again.packages, heavy).not.toContain(heavy)
    }
    expect(again.packages).toContain('aws4')
    // commander's child_process (for executable subcommands Castdesk has none of) loads on use.
    expect(again.builtins).toContain('http')
    expect(again.builtins).not.toContain('child_process')
  })

  it('--version loads no package at all', async () => {
    expect((await packagesLoadedBy('--version')).packages).toEqual(new Set())
  })
})
