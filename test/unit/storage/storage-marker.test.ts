import { describe, expect, it } from 'vitest'
import { isReservedKey, MARKER_KEY } from '../../../src/main/storage/reserved-keys'
import { markerText, parseMarker } from '../../../src/main/storage/storage-marker'
import { storageForeign, storageMissing, storageUnmarked } from '../../../src/main/storage/storage-refusals'

const ID = '6f1c1f9e-0c57-4a8e-9d8c-0f3c2a1b4d5e'
const OTHER = '00000000-0000-4000-8000-000000000000'

describe('the storage marker', () => {
  it('round-trips the library id, the storage name and when it was set up', () => {
    const text = markerText(ID, 'default', '2026-12-06T00:00:00.000Z')
    expect(parseMarker(text)).toEqual({
      format: 1,
      libraryId: ID,
      storage: 'default',
      created: '2026-12-06T00:00:00.000Z',
    })
  })

  it('reads a damaged or foreign-shaped file as no marker', () => {
    expect(parseMarker('{"libraryId": 12}')).toBeNull()
    expect(parseMarker('not json')).toBeNull()
    expect(parseMarker('')).toBeNull()
  })

  it('keeps the marker, partial writes and the quarantine out of the media', () => {
    expect(isReservedKey(MARKER_KEY)).toBe(true)
    expect(isReservedKey('.castdesk-quarantine/cast_audio/a.mp3')).toBe(true)
    expect(isReservedKey('castdesk-quarantine/cast_audio/a.mp3')).toBe(true)
    expect(isReservedKey('.castdesk-tmp/1-x.part')).toBe(true)
    expect(isReservedKey('cast_audio/.castdesk-storage.json')).toBe(false)
    expect(isReservedKey('cast_audio/a.mp3')).toBe(false)
  })
})

describe('the refusals', () => {
  it('say what was found and the fix, each with its own code', () => {
    const missing = storageMissing('default', '/Volumes/Podcast/media')
    expect(missing.code).toBe('storage_missing')
    expect(missing.message).toMatch(/\/Volumes\/Podcast\/media does not exist — is the disk connected\?/)
    expect(missing.message).toContain('Connect the disk')

    const empty = storageUnmarked('default', '/Volumes/Podcast/media', true)
    expect(empty.code).toBe('storage_unmarked')
    expect(empty.message).toContain('the folder is empty and has no Castdesk marker')
    expect(empty.message).toContain('castdesk storages init default')
    expect(storageUnmarked('production', 's3://show/media/', true).message).toContain(
      'bucket prefix is empty',
    )

    const marker = { format: 1, libraryId: OTHER, storage: 'default', created: '' }
    const foreign = storageForeign('default', '/Volumes/Other/media', marker, ID)
    expect(foreign.code).toBe('storage_foreign')
    expect(foreign.message).toContain('another Castdesk library')
    expect(foreign.message).toContain('Point "location" of storage "default"')
    const swapped = storageForeign('backup', '/srv/media', { ...marker, libraryId: ID }, ID)
    expect(swapped.message).toContain(`this library's storage "default", not "backup"`)
  })
})
