import { describe, expect, it } from 'vitest'
import {
  type DestinationFile,
  deletableExtras,
  planLines,
  planSync,
  type SourceFile,
  sameContent,
} from '../../../src/main/storage/sync/sync-planner'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
const MD5 = 'c'.repeat(32)
const src = (key: string, size = 10, sha256 = A, md5: string | null = MD5): SourceFile => ({
  key,
  size,
  sha256,
  md5,
})
const dst = (
  key: string,
  size = 10,
  sha256: string | null = A,
  etag: string | null = null,
): DestinationFile => ({
  key,
  size,
  sha256,
  etag,
})

describe('the sync planner', () => {
  it('adds what the destination lacks, changes what differs, keeps what is the same, lists extras', () => {
    const plan = planSync(
      [src('cast_audio/new.mp3', 5), src('images/same.jpg'), src('cast_files/changed.pdf', 10, B)],
      [dst('images/same.jpg'), dst('cast_files/changed.pdf'), dst('cast_files/old.pdf')],
    )
    expect(plan.add.map((f) => f.key)).toEqual(['cast_audio/new.mp3'])
    expect(plan.change.map((f) => f.key)).toEqual(['cast_files/changed.pdf'])
    expect(plan.same.map((f) => f.key)).toEqual(['images/same.jpg'])
    expect(plan.extra.map((f) => f.key)).toEqual(['cast_files/old.pdf'])
    expect(plan.bytesToCopy).toBe(15)
  })

  it('finds a same-size edit by its SHA-256 (what size-only and mtime syncs miss)', () => {
    expect(planSync([src('a', 10, B)], [dst('a', 10, A)]).change).toHaveLength(1)
  })

  it('treats a size difference as a change even when the recorded hash is equal', () => {
    expect(planSync([src('a', 11)], [dst('a', 10)]).change).toHaveLength(1)
  })

  it('compares a foreign object (no recorded SHA-256) by its ETag against the MD5', () => {
    expect(sameContent(src('a'), dst('a', 10, null, MD5))).toBe(true)
    expect(sameContent(src('a'), dst('a', 10, null, 'd'.repeat(32)))).toBe(false)
    expect(sameContent(src('a', 10, A, null), dst('a', 10, null, MD5))).toBe(false)
    expect(sameContent(src('a'), dst('a', 10, null, `${MD5}-2`))).toBe(false)
  })

  it('plans nothing for identical sides, and everything for an empty destination', () => {
    const files = [src('x'), src('y')]
    expect(
      planSync(
        files,
        files.map((f) => dst(f.key)),
      ),
    ).toMatchObject({ add: [], change: [], extra: [], bytesToCopy: 0 })
    expect(planSync(files, []).add).toHaveLength(2)
  })

  it('is ordered by key and ignores a key listed twice', () => {
    const plan = planSync([src('b'), src('a'), src('b', 99)], [])
    expect(plan.add.map((f) => [f.key, f.size])).toEqual([
      ['a', 10],
      ['b', 10],
    ])
  })

  it('deletes only extras under the managed prefixes', () => {
    const plan = planSync([], [dst('cast_audio/x.mp3'), dst('site/index.html'), dst('cast_audio_old/y.mp3')])
    expect(deletableExtras(plan, ['cast_audio/']).map((f) => f.key)).toEqual(['cast_audio/x.mp3'])
  })

  it('prints the plan rclone-style: + add, * change, - extra, = same', () => {
    const plan = planSync([src('b', 10, B), src('c'), src('d')], [dst('a'), dst('b'), dst('d')])
    expect(planLines(plan)).toEqual(['- a', '* b', '+ c'])
    expect(planLines(plan, { same: true })).toEqual(['- a', '* b', '+ c', '= d'])
  })
})
