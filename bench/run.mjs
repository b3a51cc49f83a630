// Runs one benchmark: `node bench/run.mjs <name> [args]` runs bench/<name>.mjs with the args.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const benchDir = dirname(fileURLToPath(import.meta.url))
const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs')
  .map((file) => file.slice(0, -'.mjs'.length))
  .sort()

const [name, ...args] = process.argv.slice(2)
if (!name || !available.includes(name)) {
  const problem = name ? `unknown benchmark "${name}"` : 'which benchmark?'
  process.stderr.write(
    `bench: ${problem}\nusage: npm run bench -- <name> [args]\navailable: ${available.join(', ') || '(none)'}\n`,
  )
  process.exit(2)
}

const child = spawn(process.execPath, [join(benchDir, `${name}.mjs`), ...args], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0)
})
