import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../src/shared/api/search.api'
import type { TokenInfo } from '../../../src/shared/api/tokens.api'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

describe('castdesk search and API tokens', () => {
  const root = tempDir('castdesk-cli-search-')
  const library = join(root, 'library')
  const as = <T>(user: string, ...args: string[]) =>
    runCliJson<T>(['--library', library, '--user', user, ...args])

  beforeAll(async () => {
    as('alice', 'init')
    const alice = makeDir(root, 'alice')
    const bob = makeDir(root, 'bob')
    await makeImage(join(alice, 'lighthouse-at-dusk.png'), 'png', { seed: 21 })
    makeAudio(join(alice, 'harbour-stories.mp3'), 'mp3', { chapters: true })
    await makeImage(join(bob, 'lighthouse-keeper.png'), 'png', { seed: 22 })
    expect(as('alice', 'import', alice).code).toBe(0)
    expect(as('bob', 'import', bob).code).toBe(0)
  })

  it('prints typed, ranked hits as JSON, only the acting user’s', () => {
    const { code, json } = as<SearchHit[]>('alice', 'search', 'lighthouse')
    expect(code).toBe(0)
    expect(json).toEqual([
      expect.objectContaining({
        type: 'image',
        title: 'lighthouse-at-dusk',
        snippet: expect.stringContaining('**'),
      }),
    ])
    const chapter = as<SearchHit[]>('alice', 'search', 'main', 'topic').json
    expect(chapter).toEqual([expect.objectContaining({ type: 'audio', match: 'chapter', start_ms: 1500 })])
    expect(as<SearchHit[]>('alice', 'search', 'lighthouse', '--type', 'audio').json).toEqual([])
    expect(as<SearchHit[]>('bob', 'search', 'lighthouse').json.map((h) => h.title)).toEqual([
      'lighthouse-keeper',
    ])
  })

  it('never fails on FTS syntax', () => {
    for (const query of ['"', '*', '-', 'NEAR(', 'a OR', '"light*"', ':']) {
      const result = as<SearchHit[]>('alice', 'search', query)
      expect(result.code, query).toBe(0)
      expect(Array.isArray(result.json)).toBe(true)
    }
  })

  it('makes a token once, lists it without its secret, and revokes it', () => {
    const made = as<TokenInfo & { token: string }>('alice', 'users', 'token', 'bob', '--label', 'laptop')
    expect(made.code).toBe(0)
    expect(made.json.token).toMatch(/^cdt_[A-Za-z0-9_-]{43}$/)
    expect(made.json).toMatchObject({ user: 'bob', label: 'laptop', revoked: null })

    const plain = runCli(['--library', library, 'users', 'token', 'alice'])
    expect(plain.code).toBe(0)
    expect(plain.stdout.trim()).toMatch(/^cdt_[A-Za-z0-9_-]{43}$/)
    expect(plain.stderr).toContain('shown only now')

    const listed = as<TokenInfo[]>('alice', 'users', 'tokens').json
    expect(listed.map((t) => t.user)).toEqual(['bob', 'alice'])
    expect(JSON.stringify(listed)).not.toContain(made.json.token)
    expect(JSON.stringify(listed)).not.toContain(plain.stdout.trim())

    expect(as('alice', 'users', 'revoke-token', String(made.json.id)).json).toEqual({ revoked: 1 })
    expect(as<TokenInfo[]>('alice', 'users', 'tokens', 'bob').json[0]?.revoked).not.toBeNull()
    expect(as('alice', 'users', 'revoke-token', String(made.json.id)).code).toBe(1)
    expect(as('alice', 'users', 'revoke-token', '--all', 'alice').json).toEqual({ revoked: 1 })
  })

  it('refuses a token for a user that does not exist, and a revoke without a target', () => {
    const missing = as<{ error: { code: string; message: string } }>('alice', 'users', 'token', 'nobody')
    expect(missing.code).toBe(1)
    expect(missing.json.error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('users add'),
    })
    expect(runCli(['--library', library, 'users', 'revoke-token']).code).toBe(2)
  })
})
