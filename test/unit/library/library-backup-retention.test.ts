import { describe, expect, it } from 'vitest'
import { snapshotsToPrune } from '../../../src/main/library-backup/retention-planner'
import {
  dataKey,
  isSnapshotKey,
  manifestKey,
  parseSnapshotKey,
  snapshotName,
  timeOfName,
} from '../../../src/main/library-backup/snapshot-layout'

const HOUR = 3_600_000
const now = new Date('2026-12-06T12:00:00Z')
const at = (hoursAgo: number, verified = true) => {
  const time = new Date(now.getTime() - hoursAgo * HOUR).toISOString()
  return { name: `s-${hoursAgo}`, time, verified }
}

describe('snapshot layout', () => {
  it('names a snapshot by its UTC time and short SHA-256, under castdesk-library/', () => {
    const name = snapshotName(new Date('2026-12-06T01:02:03.456Z'), 'ab'.repeat(32))
    expect(name).toBe('20261206T010203Z-abababababab')
    expect(dataKey(name)).toBe('castdesk-library/20261206T010203Z-abababababab.sqlite.gz')
    expect(parseSnapshotKey(dataKey(name))).toEqual({ name, part: 'data' })
    expect(parseSnapshotKey(manifestKey(name))).toEqual({ name, part: 'manifest' })
    expect(parseSnapshotKey('castdesk-library/notes.txt')).toBeNull()
    expect(timeOfName(name)).toBe('2026-12-06T01:02:03.000Z')
    expect(isSnapshotKey(dataKey(name))).toBe(true)
    expect(isSnapshotKey('cast_audio/castdesk-library/x.mp3')).toBe(false)
  })
})

describe('retention', () => {
  it('keeps the last 10 and the newest of each of 30 days; prunes the rest', () => {
    // Three snapshots a day for 40 days.
    const snapshots = Array.from({ length: 120 }, (_, i) => at(i * 8))
    const pruned = new Set(snapshotsToPrune(snapshots, now, { keepLast: 10, keepDays: 30 }))
    const kept = snapshots.filter((s) => !pruned.has(s.name))
    for (const s of snapshots.slice(0, 10)) expect(pruned.has(s.name)).toBe(false)
    const days = new Set(kept.map((s) => s.time.slice(0, 10)))
    expect(days.size).toBeGreaterThanOrEqual(30)
    expect(kept.length).toBeLessThanOrEqual(10 + 30)
    expect(kept.every((s) => now.getTime() - Date.parse(s.time) <= 31 * 24 * HOUR)).toBe(true)
  })

  it('never prunes without a newer verified snapshot, nor an unverified one newer than every verified', () => {
    const old = Array.from({ length: 15 }, (_, i) => at(24 * 40 + i, false))
    expect(snapshotsToPrune(old, now, { keepLast: 1, keepDays: 0 })).toEqual([])
    const underWay = at(0, false)
    const verified = [at(1), at(2), at(3)]
    const pruned = snapshotsToPrune([underWay, ...verified], now, { keepLast: 1, keepDays: 0 })
    expect(pruned).toEqual(['s-2', 's-3'])
    // Torn (unverified) snapshots older than a verified one go too.
    expect(snapshotsToPrune([at(1), at(5, false)], now, { keepLast: 10, keepDays: 30 })).toEqual(['s-5'])
  })
})
