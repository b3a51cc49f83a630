// Runs a bench/lib script in its own Node process (so its peak RSS is its own) and parses the
// last line it prints as JSON. Its stderr (progress) goes to ours.
import { execFile } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const libDir = dirname(fileURLToPath(import.meta.url))

export function measure(script, args) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env }
    // As bin/castdesk.js does, for every side: libvips and file I/O share libuv's pool.
    env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism()))
    const child = execFile(
      process.execPath,
      [join(libDir, script), ...args],
      { env, maxBuffer: 16 << 20 },
      (error, stdout) => {
        if (error) return reject(new Error(`${script} failed: ${error.message}`))
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)))
      },
    )
    child.stderr.pipe(process.stderr)
  })
}
