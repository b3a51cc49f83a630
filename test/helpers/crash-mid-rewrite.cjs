// Writes an Audio's chapter marks into its files with the built engine and freezes right after
// the first stored file was replaced under its key, before its row is updated: it prints
// "replaced <key>" and waits to be killed with SIGKILL (it exits with 3 if nobody does in a minute).
// Usage: node crash-mid-rewrite.cjs ENGINE_JS LIBRARY_DIR USER AUDIO_ID
'use strict'
const { writeSync } = require('node:fs')

const [enginePath, libraryDir, userName, audioId] = process.argv.slice(2)
const { Library, createDispatcher, createHandlers, actingUser } = require(enginePath)

async function main() {
  const library = await Library.open(libraryDir)
  const putFile = library.storage.putFile.bind(library.storage)
  library.storage.putFile = async (key, ...rest) => {
    const result = await putFile(key, ...rest)
    writeSync(1, `replaced ${key}\n`)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000)
    process.exit(3)
    return result
  }
  const call = createDispatcher(createHandlers(library))
  await call('audio.writeChapters', { id: Number(audioId) }, { user: actingUser(library, userName) })
  writeSync(1, 'finished without being killed\n')
  library.close()
}

main().catch((error) => {
  writeSync(2, `${error?.stack ?? error}\n`)
  process.exit(1)
})
