import { describe, expect, it } from 'vitest'
import { restartNeeded } from '../../../src/main/api/config.handlers'
import { issuesFromMessage, validateConfig } from '../../../src/renderer/src/features/settings/config-issues'
import { defaultConfig } from '../../../src/shared/config-schema'

describe('settings: the config schema as form issues, and what waits for a restart', () => {
  it('names each bad field with the schema message', () => {
    const config = { ...defaultConfig(), avifEffort: 12, imageFormats: [] }
    expect(validateConfig(config)).toEqual({
      avifEffort: 'Too big: expected number to be <=9',
      imageFormats: expect.stringContaining('Too small'),
    })
    expect(validateConfig(defaultConfig())).toEqual({})
    const storages = { ...defaultConfig().storages, production: { type: 's3', bucket: 'b' } }
    expect(Object.keys(validateConfig({ ...defaultConfig(), storages } as never))).toEqual([
      'storages.production.bucket',
    ])
  })

  it('reads the server refusal back into field issues', () => {
    expect(
      issuesFromMessage(
        'config.update: config.avifEffort: Too big: expected number to be <=9; config.uploadLimits.audioBytes: Too small: expected number to be >0',
      ),
    ).toEqual({
      avifEffort: 'Too big: expected number to be <=9',
      'uploadLimits.audioBytes': 'Too small: expected number to be >0',
    })
    expect(issuesFromMessage('castdesk.config.json changed since you opened it')).toEqual({})
  })

  it('lists changed keys but not storages other than default, which apply at once', () => {
    const running = defaultConfig()
    const saved = {
      ...running,
      avifEffort: 5,
      storages: { ...running.storages, backup: { type: 'local' as const, location: 'backup' } },
    }
    expect(restartNeeded(running, saved)).toEqual(['avifEffort'])
    const moved = { ...running, storages: { default: { type: 'local' as const, location: 'elsewhere' } } }
    expect(restartNeeded(running, moved)).toEqual(['storages.default'])
  })
})
