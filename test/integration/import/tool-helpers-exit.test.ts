import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeAudio, makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'

const engine = resolve(__dirname, '../../../out/main/engine.js')

/** A plain Node script using the built engine: imports, closes, stops the tool helpers, prints. */
const SCRIPT = `
const { Library, actingUser, stopToolRunners } = require(process.argv[1])
;(async () => {
  const library = await Library.open(process.argv[2], { create: true })
  const user = actingUser(library, 'script')
  const outcomes = await library.importer.importPaths(user.id, [process.argv[3]])
  library.close()
  await stopToolRunners()
  console.log(JSON.stringify(outcomes.map((o) => o.status)))
})()
`

describe('a script that imports through the engine', () => {
  const root = tempDir()

  it('ends once its tool helpers are stopped, with every probe answered', () => {
    const folder = makeDir(root, 'episodes')
    for (const n of [1, 2, 3])
      makeAudio(join(folder, `episode-${n}.mp3`), 'mp3', { seconds: 1, frequency: 300 * n })
    const run = spawnSync(process.execPath, ['-e', SCRIPT, engine, join(root, 'library'), folder], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(['imported', 'imported', 'imported'])
  })
})
