import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { commitFile, fsyncPath, writeTempFile } from '../../../src/main/storage/atomic-file'
import { toErrorBody } from '../../../src/shared/errors'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-atomic-')
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex')

async function rejection(promise: Promise<unknown>): Promise<NodeJS.ErrnoException> {
  try {
    await promise
  } catch (error) {
    return error as NodeJS.ErrnoException
  }
  throw new Error('expected a rejection')
}

describe('writeTempFile', () => {
  it('writes the body to <pid>-<uuid>.part in the temp folder, creating it, with size and SHA-256', async () => {
    const tmp = join(dirs.make(), 'deep', 'tmp')
    const written = await writeTempFile(Buffer.from('hello'), tmp)
    expect(dirname(written.path)).toBe(tmp)
    expect(basename(written.path)).toMatch(
      new RegExp(`^${process.pid}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.part$`),
    )
    expect(written.size).toBe(5)
    expect(written.sha256).toBe(sha256('hello'))
    expect(readFileSync(written.path, 'utf8')).toBe('hello')
  })

  it('gives every write its own file', async () => {
    const tmp = dirs.make()
    const [a, b] = await Promise.all([
      writeTempFile(Buffer.from('a'), tmp),
      writeTempFile(Readable.from([Buffer.from('b')]), tmp),
    ])
    expect(a.path).not.toBe(b.path)
    expect(readdirSync(tmp)).toHaveLength(2)
  })

  it('rejects, without a crash or a temp file, when the source file vanished before it was read', async () => {
    const base = dirs.make()
    const tmp = join(base, 'tmp')
    // The read stream fails while the temp folder is still being created: nobody listens yet.
    const error = await rejection(writeTempFile(createReadStream(join(base, 'vanished.mp3')), tmp))
    expect(error.code).toBe('ENOENT')
    expect(readdirSync(tmp)).toEqual([])
  })

  it('leaves no temp file when the source fails while the temp file is still being opened (3,000 tries)', async () => {
    const base = dirs.make()
    const tmp = join(base, 'tmp')
    mkdirSync(tmp)
    // The pipeline rejects at once; the write stream's open is still in flight then, and a removal
    // that does not wait for it can run first on a busy machine: busy processes make it one.
    const busy = [0, 1, 2, 3].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
    try {
      for (let n = 0; n < 3000; n++) {
        const error = await rejection(writeTempFile(createReadStream(join(base, 'vanished.mp3')), tmp))
        expect(error.code).toBe('ENOENT')
      }
    } finally {
      for (const child of busy) child.kill('SIGKILL')
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(readdirSync(tmp)).toEqual([])
  })

  it('rejects, without an unhandled error event, when the source fails before anything is written', async () => {
    const tmp = join(dirs.make(), 'tmp')
    const source = new Readable({ read() {} })
    // Fails on the next tick: while writeTempFile still awaits the temp folder, before any pipeline.
    process.nextTick(() => source.destroy(new Error('permission denied by the card reader')))
    const error = await rejection(writeTempFile(source, tmp))
    expect(error.message).toBe('permission denied by the card reader')
    expect(readdirSync(tmp)).toEqual([])
  })

  it('closes the source when the temp folder cannot be created', async () => {
    const base = dirs.make()
    writeFileSync(join(base, 'a-file'), 'x')
    writeFileSync(join(base, 'source'), 'bytes')
    const source = createReadStream(join(base, 'source'))
    const error = await rejection(writeTempFile(source, join(base, 'a-file', 'tmp')))
    expect(['ENOTDIR', 'EEXIST']).toContain(error.code)
    expect(source.destroyed).toBe(true)
  })

  it('removes its partial file when the source fails half way', async () => {
    const tmp = dirs.make()
    let pushed = 0
    const source = new Readable({
      read() {
        if (pushed++ < 3) this.push(Buffer.alloc(64 * 1024, 1))
        else this.destroy(new Error('read error at 192 KiB'))
      },
    })
    expect((await rejection(writeTempFile(source, tmp))).message).toBe('read error at 192 KiB')
    expect(readdirSync(tmp)).toEqual([])
  })
})

describe('commitFile', () => {
  it('renames into place, creating the folders', async () => {
    const base = dirs.make()
    const written = await writeTempFile(Buffer.from('final'), join(base, 'tmp'))
    const destination = join(base, 'media', 'cast_audio', 'ep.mp3')
    await commitFile(written.path, destination)
    expect(readFileSync(destination, 'utf8')).toBe('final')
    expect(existsSync(written.path)).toBe(false)
  })

  it('replaces an existing file whole', async () => {
    const base = dirs.make()
    mkdirSync(join(base, 'media'))
    const destination = join(base, 'media', 'a.txt')
    writeFileSync(destination, 'old old old')
    const written = await writeTempFile(Buffer.from('new'), join(base, 'tmp'))
    await commitFile(written.path, destination)
    expect(readFileSync(destination, 'utf8')).toBe('new')
  })
})

describe('fsyncPath', () => {
  it('flushes a file and a folder', async () => {
    const base = dirs.make()
    writeFileSync(join(base, 'f'), 'x')
    await expect(fsyncPath(join(base, 'f'))).resolves.toBeUndefined()
    if (process.platform !== 'win32') await expect(fsyncPath(base)).resolves.toBeUndefined()
  })
})

describe('errors that name no file', () => {
  it('get the folder written to, so a full disk says where', async () => {
    const tmp = join(dirs.make(), 'tmp')
    const full = Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' })
    const source = new Readable({
      read() {
        this.destroy(full)
      },
    })
    const error = await rejection(writeTempFile(source, tmp))
    expect(error).toMatchObject({ code: 'ENOSPC', path: tmp })
    expect(toErrorBody(error)).toEqual({
      code: 'disk_full',
      message: `The disk is full (${tmp}). Free up space on it, then try again.`,
    })
    expect(readdirSync(tmp)).toEqual([])
  })
})
