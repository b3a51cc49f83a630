// Child process: imports a folder through the engine, once for one user, or again and again (a new
// user each round, so every file is a real import) until SIGTERM, then reports one JSON line.
// Usage: node api-import-loop.mjs <corpus-dir> <library-dir> once <user> | loop <user-prefix>
import { createRequire } from 'node:module'

const [corpusDir, libraryDir, mode, name] = process.argv.slice(2)
const { Library, actingUser } = createRequire(import.meta.url)('../../out/main/engine.js')

let stopping = false
process.on('SIGTERM', () => {
  stopping = true
})

const library = await Library.open(libraryDir)
const totals = {
  rounds: 0,
  files: 0,
  imported: 0,
  duplicates: 0,
  errors: 0,
  busy: 0,
  seconds: 0,
  firstErrors: [],
}
const started = performance.now()
try {
  do {
    const user = actingUser(library, mode === 'once' ? name : `${name}-${totals.rounds + 1}`)
    const outcomes = await library.importer.importPaths(user.id, [corpusDir])
    totals.rounds++
    for (const outcome of outcomes) {
      totals.files++
      if (outcome.status === 'imported') totals.imported++
      else if (outcome.status === 'duplicate') totals.duplicates++
      else {
        totals.errors++
        if (/SQLITE_BUSY|database is locked/i.test(outcome.error?.message ?? '')) totals.busy++
        if (totals.firstErrors.length < 5)
          totals.firstErrors.push(`${outcome.path}: ${outcome.error?.message}`)
      }
    }
    process.stderr.write(`import: round ${totals.rounds} done (${totals.files} files so far)\n`)
  } while (mode === 'loop' && !stopping)
} finally {
  library.close()
}
totals.seconds = Number(((performance.now() - started) / 1000).toFixed(1))
process.stdout.write(`${JSON.stringify(totals)}\n`)
