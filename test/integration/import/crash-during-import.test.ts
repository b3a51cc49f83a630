import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { Library } from '../../../src/main/library/library'
import type { ImportOutcome } from '../../../src/shared/media'
import { listFiles, sha256File } from '../../helpers/library-snapshot'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { CLI, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

const FILES = 300

function mediaCount(library: string): number {
  try {
    const db = new Database(join(library, 'library.sqlite'), { readonly: true, fileMustExist: true })
    try {
      return (db.prepare('SELECT count(*) AS n FROM media').get() as { n: number }).n
    } finally {
      db.close()
    }
  } catch {
    return 0
  }
}

/**
 * Starts an import and SIGKILLs it once `killAt` items are in; resolves, once the process is
 * gone, with the count at the kill.
 */
function importAndKill(library: string, folder: string, killAt: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--library', library, '--json', 'import', folder], {
      stdio: 'ignore',
    })
    let atKill = 0
    const timer = setInterval(() => {
      const count = mediaCount(library)
      if (count >= killAt) {
        clearInterval(timer)
        atKill = count
        child.kill('SIGKILL')
      }
    }, 5)
    child.on('exit', (_code, signal) => {
      clearInterval(timer)
      if (signal === 'SIGKILL') resolve(atKill)
      else reject(new Error(`the import finished before it could be killed (${mediaCount(library)} items)`))
    })
  })
}

describe('SIGKILL in the middle of a 300-file import', () => {
  const root = tempDir()
  const library = join(root, 'library')
  const folder = makeDir(root, 'batch')
  const sourceHashes = new Set<string>()

  beforeAll(async () => {
    for (let i = 0; i < FILES; i++) {
      const path =
        i % 3 === 0
          ? join(folder, `note-${i}.txt`)
          : await makeImage(join(folder, `photo-${i}.png`), 'png', { width: 256, height: 192, seed: i })
      if (i % 3 === 0) writeFileSync(path, `show note ${i}\n${'lorem ipsum '.repeat(2000)}`)
      sourceHashes.add(sha256File(path))
    }
    runCliJson(['--library', library, 'init'])
  })

  async function assertConsistentAfterCrash(): Promise<void> {
    const storedBeforeRecovery = listFiles(join(library, 'media')).filter(
      (f) => !f.includes('.castdesk-tmp') && !f.endsWith('.castdesk-storage.json'),
    )
    for (const file of storedBeforeRecovery) expect(sourceHashes.has(sha256File(file))).toBe(true)

    const opened = await Library.open(library)
    try {
      expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok')
      const blobs = opened.blobs.all()
      for (const blob of blobs) {
        const path = join(library, 'media', blob.key)
        expect(existsSync(path)).toBe(true)
        expect(sha256File(path)).toBe(blob.sha256)
      }
      const referenced = new Set(blobs.map((b) => b.key))
      const onDisk = listFiles(join(library, 'media')).map((f) => relative(join(library, 'media'), f))
      expect(onDisk.filter((key) => !referenced.has(key))).toEqual(['.castdesk-storage.json'])
      expect(opened.blobs.reservations()).toEqual([])
    } finally {
      opened.close()
    }
    expect(listFiles(join(library, 'tmp'))).toEqual([])
  }

  it('leaves a consistent library after each kill, and a last import completes it', async () => {
    for (const killAt of [60, 150, 240]) {
      const atKill = await importAndKill(library, folder, killAt)
      expect(atKill).toBeLessThan(FILES)
      await assertConsistentAfterCrash()
    }

    const again = runCliJson<ImportOutcome[]>(['--library', library, 'import', folder])
    expect(again.code).toBe(0)
    expect(again.json.filter((o) => o.status === 'error')).toEqual([])
    expect(sourceHashes.size).toBe(FILES)
    expect(mediaCount(library)).toBe(FILES)
  })
})
