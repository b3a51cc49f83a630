import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** Every regular file under `dir` (hidden names skipped, as the importer does), with its size. */
export async function listFiles(dir) {
  const files = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await listFiles(path)))
    else if (entry.isFile()) files.push({ path, size: (await stat(path)).size })
  }
  return files
}
