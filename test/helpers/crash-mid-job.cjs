// Opens a library with the built engine and runs its jobs. As soon as a job reports progress
// between 0 and 1 it prints "mid-job <id> <progress>" and freezes inside that job, waiting to be
// killed with SIGKILL (it exits with 3 if nobody does within a minute).
// Usage: node crash-mid-job.cjs ENGINE_JS LIBRARY_DIR
'use strict'
const { writeSync } = require('node:fs')

const [enginePath, libraryDir] = process.argv.slice(2)
const { Library } = require(enginePath)

async function main() {
  const library = await Library.open(libraryDir, {
    jobConcurrency: 1,
    onJobUpdate: (job) => {
      if (job.state !== 'running' || job.progress <= 0 || job.progress >= 1) return
      writeSync(1, `mid-job ${job.id} ${job.progress}\n`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000)
      process.exit(3)
    },
  })
  writeSync(1, 'opened\n')
  await library.jobs.runUntilIdle()
  writeSync(1, 'finished without being killed\n')
  library.close()
}

main().catch((error) => {
  writeSync(2, `${error?.stack ?? error}\n`)
  process.exit(1)
})
