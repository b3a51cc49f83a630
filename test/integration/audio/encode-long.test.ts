import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImportOutcome } from '../../../src/shared/media'
import { makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeMaster } from './master-fixtures'

/** 20 minutes keeps the suite quick; CASTDESK_LONG_MASTER_MINUTES=600 runs the ten-hour case. */
const MINUTES = Number(process.env.CASTDESK_LONG_MASTER_MINUTES ?? 20)

/** Resident memory (MiB) of this process's child processes (ffmpeg) right now, from /proc. */
function childrenRssMiB(): number {
  const tasks = `/proc/${process.pid}/task`
  if (!existsSync(tasks)) return 0
  let total = 0
  for (const task of readdirSync(tasks)) {
    const children = readFileSync(join(tasks, task, 'children'), 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
    for (const pid of children) {
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
        total += Number(kb ?? 0) / 1024
      } catch {
        // the process ended between the listing and the read
      }
    }
  }
  return total
}

describe('a long master', () => {
  const root = tempDir('castdesk-encode-long-')
  const files = makeDir(root, 'files')
  let t: TestLibrary
  const ann = () => t.as('ann')

  beforeAll(async () => {
    // A low rate keeps the test quick; the code path (streamed decode, filter, encode) is the same.
    t = await openTestLibrary(join(root, 'library'), {
      audioEncoding: { mp3SampleRate: 22050, mp3BitrateKbps: 32 },
    })
  })

  it(`encodes a ${MINUTES}-minute master streaming, with bounded memory`, {
    timeout: 60_000 + MINUTES * 30_000,
  }, async () => {
    const path = makeMaster(join(files, 'marathon.wav'), {
      source: 'sine=frequency=300:sample_rate=8000,volume=0.05',
      seconds: MINUTES * 60,
      rate: 8000,
      channels: 1,
      codec: 'pcm_s16le',
    })
    const id = ((await t.call('media.import', { paths: [path] }, ann()))[0] as ImportOutcome).id as number
    let peakChildren = 0
    let peakSelf = 0
    const baseline = process.memoryUsage().rss / 2 ** 20
    const sampler = setInterval(() => {
      peakChildren = Math.max(peakChildren, childrenRssMiB())
      peakSelf = Math.max(peakSelf, process.memoryUsage().rss / 2 ** 20)
    }, 100)
    try {
      const result = await t.call('audio.encode', { id, formats: ['mp3'] }, ann())
      expect(result.files).toHaveLength(1)
      expect(Math.abs((result.files[0]?.loudness.integrated_lufs ?? 0) + 16)).toBeLessThanOrEqual(0.5)
    } finally {
      clearInterval(sampler)
    }
    console.info(
      `long master: ${MINUTES} min, peak ffmpeg RSS ${peakChildren.toFixed(0)} MiB, engine RSS +${(peakSelf - baseline).toFixed(0)} MiB`,
    )
    expect(peakChildren).toBeGreaterThan(0)
    expect(peakChildren).toBeLessThan(300)
    expect(peakSelf - baseline).toBeLessThan(150)
  })
})
