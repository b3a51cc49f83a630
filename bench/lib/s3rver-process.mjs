// s3rver (the S3-compatible test server) in its own process on 127.0.0.1 and a free port.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bin = join(root, 'node_modules', 's3rver', 'bin', 's3rver.js')

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function waitForPort(port, timeoutMs = 10_000) {
  const start = Date.now()
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`)
      await response.arrayBuffer()
      return
    } catch {
      if (Date.now() - start > timeoutMs) throw new Error(`s3rver did not start on port ${port}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

/** Starts s3rver storing into `dir` with `buckets` created; resolves to { endpoint, stop }. */
export async function startS3rver(dir, buckets) {
  const port = await freePort()
  const args = [bin, '-d', dir, '-a', '127.0.0.1', '-p', String(port), '--silent']
  for (const bucket of buckets) args.push('--configure-bucket', bucket)
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] })
  await waitForPort(port)
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve)
        child.kill('SIGTERM')
      }),
  }
}
