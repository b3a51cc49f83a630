import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** The CLI and crash tests run the built program, so build it once before any test runs. */
export default function setup(): void {
  const root = join(__dirname, '..', '..')
  execFileSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'pipe' })
}
