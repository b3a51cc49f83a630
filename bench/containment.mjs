// Benchmark: what local-storage containment (a realpath per check, issue #18) costs. Times the
// checked path of a key (localPath: lexical check + realpath) against the lexical one alone (url),
// for keys not yet written and for existing files, and small writes, which check three times
// (key, temp folder, folder before the rename).
// Usage: npm run bench -- containment [--files N]
// Prints one JSON object on stdout.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const benchDir = dirname(fileURLToPath(import.meta.url))
const { Library } = await import(join(benchDir, '..', 'out', 'main', 'engine.js'))
const files = Number(parseArgs({ options: { files: { type: 'string', default: '2000' } } }).values.files)

const root = await mkdtemp(join(tmpdir(), 'castdesk-bench-containment-'))
try {
  const dir = join(root, 'library')
  await import('node:fs').then((fs) => fs.mkdirSync(dir))
  await writeFile(
    join(dir, 'castdesk.config.json'),
    '{"storages":{"default":{"type":"local","location":"media"}}}',
  )
  const library = await Library.open(dir, { create: true })
  const storage = library.storage
  const body = Buffer.alloc(4096, 7)
  const key = (i) => `cast_files/${i % 10}/${i % 7}/file-${i}.bin`
  await storage.put(key(0), body)

  const time = (n, fn) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < n; i++) fn(i)
    return Number(process.hrtime.bigint() - start) / n / 1000
  }
  const lookups = files * 10
  time(1000, (i) => storage.localPath(key(i)))
  const checkedUs = time(lookups, (i) => storage.localPath(key(i)))
  const lexicalUs = time(lookups, (i) => storage.url(key(i)))

  const start = process.hrtime.bigint()
  for (let i = 1; i <= files; i++) await storage.put(key(i), body)
  const putUs = Number(process.hrtime.bigint() - start) / files / 1000
  const existingUs = time(lookups, (i) => storage.localPath(key((i % files) + 1)))
  library.close()

  const containmentPerPutUs = 3 * (checkedUs - lexicalUs)
  process.stdout.write(
    `${JSON.stringify({
      lookups,
      checkedPathMicroseconds: Number(checkedUs.toFixed(2)),
      checkedExistingPathMicroseconds: Number(existingUs.toFixed(2)),
      lexicalPathMicroseconds: Number(lexicalUs.toFixed(2)),
      containmentCheckMicroseconds: Number((checkedUs - lexicalUs).toFixed(2)),
      writes: files,
      put4KiBMicroseconds: Number(putUs.toFixed(1)),
      containmentShareOfPut: `${((100 * containmentPerPutUs) / putUs).toFixed(1)}%`,
    })}\n`,
  )
} finally {
  await rm(root, { recursive: true, force: true })
}
