import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlers'
import { actingUser } from '../../../src/main/api/users.handlers'
import { Library } from '../../../src/main/library/library'
import { makeAudio, makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'

const ROOT = join(__dirname, '..', '..', '..')
const ENGINE = join(ROOT, 'out', 'main', 'engine.js')
const CHILD = join(ROOT, 'test', 'helpers', 'crash-mid-rewrite.cjs')
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** Runs the child until it has replaced a file under its key, then SIGKILLs it; resolves the key. */
function killAfterReplace(dir: string, user: string, id: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ENGINE, dir, user, String(id)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let key = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /^replaced (.+)$/m.exec(stdout)
      if (match && !key) {
        key = match[1] as string
        child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && key) resolve(key)
      else reject(new Error(`the child was not killed after a replace (exit ${code}):\n${stdout}\n${stderr}`))
    })
  })
}

describe('a process killed between replacing an audio file and recording its new SHA-256', () => {
  it('leaves a claim that the next open resolves: the row describes the file again', async () => {
    const root = tempDir('castdesk-rewrite-crash-')
    const dir = join(root, 'library')
    const folder = makeDir(root, 'in')
    makeAudio(join(folder, 'kr12.mp3'), 'mp3', { seconds: 6 })
    makeAudio(join(folder, 'kr12.m4a'), 'm4a', { seconds: 6 })
    const setup = await Library.open(dir, { create: true })
    let id: number
    try {
      const call = createDispatcher(createHandlers(setup))
      const ann = { user: actingUser(setup, 'ann') }
      const [outcome] = await call('media.import', { paths: [folder] }, ann)
      id = outcome?.id as number
      const chapters = [
        { start_ms: 0, title: 'Intro', link: null, image: null },
        { start_ms: 3000, title: 'Main', link: null, image: null },
      ]
      await call('audio.setChapters', { id, chapters }, ann)
    } finally {
      setup.close()
    }

    const key = await killAfterReplace(dir, 'ann', id)

    const reopened = await Library.open(dir)
    try {
      for (const blob of reopened.blobs.forMedia(id)) {
        expect(sha256(join(dir, 'media', blob.key)), blob.key).toBe(blob.sha256)
      }
      expect(reopened.blobs.reservations()).toEqual([])
      // The replaced file holds the chapters; writing again completes the other file.
      const call = createDispatcher(createHandlers(reopened))
      const written = await call('audio.writeChapters', { id }, { user: actingUser(reopened, 'ann') })
      expect(written.files.map((f) => f.chapters)).toEqual([2, 2])
      for (const blob of reopened.blobs.forMedia(id)) {
        expect(sha256(join(dir, 'media', blob.key)), blob.key).toBe(blob.sha256)
      }
      expect(key).toMatch(/^cast_audio\//)
    } finally {
      reopened.close()
    }
  })
})
