import { describe, expect, it } from 'vitest'
import { deleteRefusal } from '../../../src/main/maintenance/delete-limits'
import { splitNewer } from '../../../src/main/maintenance/stale-selection'
import { batchIdAt, batchTime, isExpired } from '../../../src/main/storage/quarantine/quarantine-names'
import { splitCatalogVersions, splitReferenced } from '../../../src/main/storage/sync/sync-planner'

const limits = { maxDelete: 100, maxDeleteFraction: 0.25 }
const plan = { command: 'castdesk media_stale --delete', storage: 'production', items: 10 }

describe('delete limits', () => {
  it('let small plans through and refuse large ones with the numbers and the flag', () => {
    expect(deleteRefusal({ ...plan, planned: 2, managed: 100 }, limits)).toBeNull()
    expect(deleteRefusal({ ...plan, planned: 0, managed: 0, items: 0 }, limits)).toBeNull()
    const fraction = deleteRefusal({ ...plan, planned: 26, managed: 100 }, limits)
    expect(fraction?.code).toBe('too_many_deletes')
    expect(fraction?.message).toContain('26% of the 100 files there')
    expect(fraction?.message).toContain('--max-delete 26')
    expect(deleteRefusal({ ...plan, planned: 101, managed: 10_000 }, limits)?.message).toContain(
      'more than maxDelete (100)',
    )
  })

  it('take --max-delete N when N covers the plan, never for an empty catalog', () => {
    expect(deleteRefusal({ ...plan, planned: 26, managed: 100, override: 26 }, limits)).toBeNull()
    expect(deleteRefusal({ ...plan, planned: 26, managed: 100, override: 25 }, limits)?.message).toContain(
      'more than --max-delete 25',
    )
    expect(deleteRefusal({ ...plan, planned: 1, managed: 100, items: 0, override: 9 }, limits)?.code).toBe(
      'catalog_empty',
    )
  })
})

describe('newer than the catalog', () => {
  const at = (iso: string) => ({ modified: new Date(iso) })
  it('keeps files written after the last write (within the margin) out of the stale ones', () => {
    const files = [at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z'), at('2026-01-02T11:59:59Z')]
    const { stale, newer } = splitNewer(files, new Date('2026-01-02T12:00:00Z'), 2000)
    expect(stale).toEqual([files[0], files[1]])
    expect(newer).toEqual([files[2]])
    expect(splitNewer(files, null, 0).stale).toEqual([])
  })
})

describe('quarantine batch names', () => {
  it('are UTC times that name folders everywhere and parse back', () => {
    const time = new Date('2026-12-06T01:02:03.456Z')
    expect(batchIdAt(time)).toBe('2026-12-06T01-02-03-456Z')
    expect(batchTime(batchIdAt(time))?.toISOString()).toBe(time.toISOString())
    expect(batchTime('../etc')).toBeNull()
    expect(isExpired(batchIdAt(time), new Date('2027-01-06T01:02:04Z'), 30)).toBe(true)
    expect(isExpired(batchIdAt(time), new Date('2027-01-04T00:00:00Z'), 30)).toBe(false)
  })
})

describe('the catalog in a sync plan', () => {
  it('splits referenced extras off and keeps the catalog’s version from being overwritten', () => {
    const extras = [
      { key: 'a', size: 1, sha256: 'x', etag: null },
      { key: 'b', size: 1, sha256: 'y', etag: null },
    ]
    expect(splitReferenced(extras, new Set(['b']))).toEqual({
      unreferenced: [extras[0]],
      missing: [extras[1]],
    })
    const change = [{ key: 'a', size: 1, sha256: 'old', md5: null }]
    const there = [{ key: 'a', size: 1, sha256: 'new', etag: null }]
    expect(splitCatalogVersions(change, there, new Map([['a', 'new']])).kept).toEqual(change)
    expect(splitCatalogVersions(change, there, new Map([['a', 'old']])).change).toEqual(change)
    expect(splitCatalogVersions(change, there, new Map()).change).toEqual(change)
  })
})
