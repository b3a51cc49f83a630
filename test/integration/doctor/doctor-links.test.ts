import { mkdirSync, writeFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DoctorCheck } from '../../../src/shared/api/system.api'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { census, plantTrap } from '../../helpers/symlink-trap'
import { tempDir } from '../../helpers/temp-dir'

describe('castdesk doctor and links in a local storage', () => {
  it('lists each link that leads outside the storage, with its target and the fix, and not the ones inside', () => {
    const root = tempDir('castdesk-doctor-links-')
    const library = join(root, 'library')
    runCli(['--library', library, 'init'])
    const media = join(library, 'media')
    const victimDir = join(root, 'other-disk')
    mkdirSync(victimDir)
    writeFileSync(join(victimDir, 'ep.mp3'), 'not in the storage')
    expect(victimDir.startsWith(root + sep)).toBe(true)
    mkdirSync(join(media, 'cast_audio', 'archive'), { recursive: true })
    plantTrap(root, victimDir, join(media, 'cast_audio', 'elsewhere'))
    plantTrap(root, join(victimDir, 'ep.mp3'), join(media, 'cast_audio', 'archive', 'ep.mp3'))
    plantTrap(root, join(media, 'cast_audio', 'archive'), join(media, 'cast_audio', 'inside'))
    const before = census(victimDir)

    const { code, json } = runCliJson<{ ok: boolean; checks: DoctorCheck[] }>([
      '--library',
      library,
      'doctor',
    ])
    const links = json.checks.find((c) => c.id === 'storage.default.links')
    expect(links?.status).toBe('warning')
    expect(links?.message).toContain('2 links in storage "default"')
    expect(links?.message).toContain(`cast_audio/elsewhere → ${victimDir}`)
    expect(links?.message).toContain(`cast_audio/archive/ep.mp3 → ${join(victimDir, 'ep.mp3')}`)
    expect(links?.message).not.toContain('cast_audio/inside')
    expect(links?.message).toContain("set the storage's location to that folder")
    expect(code).toBe(0)
    expect(census(victimDir)).toEqual(before)
  })
})
