/**
 * The tool runner of run-tool-off-thread.ts, as plain JavaScript: run with `node -e` as a helper
 * process (messages over its IPC channel) or as a worker thread (messages over its port), in the
 * build and under tests alike. It starts each tool, enforces its timeout and output cap, and
 * replies with what it printed and how it ended; it says `ready` once it listens.
 */
export const TOOL_RUNNER_SOURCE = `
const { spawn } = require('node:child_process')
const { parentPort } = require('node:worker_threads')
const channel = parentPort ?? {
  on: (event, listener) => process.on(event, listener),
  // Gone already (stopped while starting): nothing to tell, and no EPIPE to throw.
  postMessage: (message) => process.connected && process.send(message, () => {}),
}
// A helper process ends with the process it serves.
if (!parentPort) process.on('disconnect', () => process.exit(0))
channel.on('message', ({ id, path, args, timeoutMs, maxOutput }) => {
  let settled = false
  const reply = (message) => {
    if (settled) return
    settled = true
    channel.postMessage({ id, ...message })
  }
  let child
  try {
    child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
  } catch (error) {
    reply({ spawnError: { code: error.code, message: error.message } })
    return
  }
  const stdout = []
  const stderr = []
  let bytes = 0
  let limit = null
  const timer = setTimeout(() => {
    limit = 'timeout'
    child.kill('SIGKILL')
  }, timeoutMs)
  child.stdout.on('data', (chunk) => {
    bytes += chunk.length
    if (bytes > maxOutput) {
      limit = 'output'
      child.kill('SIGKILL')
      return
    }
    stdout.push(chunk)
  })
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 256) stderr.push(chunk)
  })
  child.on('error', (error) => {
    clearTimeout(timer)
    reply({ spawnError: { code: error.code, message: error.message } })
  })
  child.on('close', (exitCode, signal) => {
    clearTimeout(timer)
    reply({
      limit,
      exitCode,
      signal,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
    })
  })
})
channel.postMessage({ ready: true })
`
