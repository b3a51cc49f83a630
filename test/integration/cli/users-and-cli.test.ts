import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImportOutcome, MediaItem, User } from '../../../src/shared/media'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

describe('the castdesk command', () => {
  const root = tempDir()
  const library = join(root, 'library')
  const as = (user: string, ...args: string[]) =>
    runCliJson<unknown>(['--library', library, '--user', user, ...args])

  beforeAll(async () => {
    runCliJson(['--library', library, 'init'])
    const alice = makeDir(root, 'alice')
    const bob = makeDir(root, 'bob')
    await makeImage(join(alice, 'alice.png'), 'png', { seed: 11 })
    await makeImage(join(bob, 'bob.png'), 'png', { seed: 12 })
    await makeImage(join(bob, 'shared.png'), 'png', { seed: 13 })
    await makeImage(join(alice, 'shared.png'), 'png', { seed: 13 })
    expect(as('alice', 'import', alice).code).toBe(0)
    expect(as('bob', 'import', bob).code).toBe(0)
  })

  it('prints help and names every command', () => {
    const help = runCli(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['init', 'users', 'import', 'list', 'show', 'delete'])
      expect(help.stdout).toContain(command)
  })

  it('never shows one user the other user’s items', () => {
    const alice = as('alice', 'list').json as MediaItem[]
    const bob = as('bob', 'list').json as MediaItem[]
    expect(alice.map((i) => i.title).sort()).toEqual(['alice', 'shared'])
    expect(bob.map((i) => i.title).sort()).toEqual(['bob', 'shared'])
    expect(new Set(alice.map((i) => i.owner))).toEqual(new Set(['alice']))
    expect(new Set([...alice, ...bob].map((i) => i.id)).size).toBe(4)
  })

  it('says not found for another user’s id, in show and delete', () => {
    const bobItem = (as('bob', 'list').json as MediaItem[])[0] as MediaItem
    for (const command of ['show', 'delete']) {
      const result = runCliJson<{ error: { code: string; message: string } }>([
        '--library',
        library,
        '--user',
        'alice',
        command,
        String(bobItem.id),
      ])
      expect(result.code).toBe(1)
      expect(result.json.error).toEqual({
        code: 'not_found',
        message: `There is no item ${bobItem.id} in your library.`,
      })
    }
    expect((as('bob', 'show', String(bobItem.id)).json as MediaItem).id).toBe(bobItem.id)
  })

  it('treats the same bytes of two users as two items, but a user’s own re-import as a duplicate', () => {
    const again = as('alice', 'import', join(root, 'alice', 'shared.png')).json as ImportOutcome[]
    expect(again[0]?.status).toBe('duplicate')
  })

  it('lists users, adds users, and refuses a second user with the same name', () => {
    expect(as('carol', 'users', 'add', 'dave').code).toBe(0)
    const names = (as('carol', 'users', 'list').json as User[]).map((u) => u.name)
    expect(names).toEqual(['alice', 'bob', 'carol', 'dave'])
    const twice = as('carol', 'users', 'add', 'dave')
    expect(twice.code).toBe(2)
  })

  it('rejects a malformed id as a usage error', () => {
    const result = runCli(['--library', library, 'show', 'abc'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('"abc" is not an id')
  })

  it('explains how to create a library when there is none', () => {
    const result = runCli(['--library', join(root, 'nowhere'), 'list'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('castdesk init')
  })

  it('deletes an item and its file', () => {
    const item = (as('alice', 'list').json as MediaItem[]).find((i) => i.title === 'alice') as MediaItem & {
      file: { path: string }
    }
    expect(as('alice', 'delete', String(item.id)).code).toBe(0)
    expect((as('alice', 'list').json as MediaItem[]).map((i) => i.id)).not.toContain(item.id)
    expect(runCli(['--library', library, '--user', 'alice', 'show', String(item.id)]).code).toBe(1)
    // Deleting moves the item to the trash; its file goes when the trash is emptied.
    expect(existsSync(item.file.path)).toBe(true)
    expect(as('alice', 'trash', 'empty').json).toMatchObject({ items: 1, files: 1 })
    expect(existsSync(item.file.path)).toBe(false)
  })
})
