import { describe, expect, it } from 'vitest'
import { API_NAMES } from '../../../src/main/api/access-rules'
import { type Area, allInputs, DOMAIN_AREAS, inputSchema } from '../../../src/main/api/contract-inputs'
import { createDispatcher } from '../../../src/main/api/dispatch'
import type { ApiHandlers, ApiName } from '../../../src/shared/api'

const noop = async () => {
  throw new Error('not called')
}
const allHandlers = Object.fromEntries(API_NAMES.map((name) => [name, noop])) as unknown as ApiHandlers
const user = { id: 1, name: 'alice', created: '2026-01-01T00:00:00.000Z' }

describe('the contract', () => {
  it('refuses to start when an operation has no handler, naming it', () => {
    const { 'media.show': _omitted, ...partial } = allHandlers
    expect(() => createDispatcher(partial as ApiHandlers)).toThrow(/missing \[media\.show\]/)
  })

  it('refuses an unknown handler', () => {
    expect(() => createDispatcher({ ...allHandlers, 'media.frobnicate': noop } as ApiHandlers)).toThrow(
      /unknown \[media\.frobnicate\]/,
    )
  })

  it("finds every operation's schema in its domain's areas, and names no other operation", async () => {
    const all = await allInputs()
    expect(Object.keys(all).sort()).toEqual([...API_NAMES].sort())
    for (const name of API_NAMES) expect(await inputSchema(name)).toBe(all[name])
    const used = new Set<Area>(Object.values(DOMAIN_AREAS).flat())
    expect(used.size).toBe(16)
    await expect(inputSchema('media.frobnicate' as ApiName)).rejects.toThrow(/no input schema/)
  })

  it('validates input before any handler runs', async () => {
    const call = createDispatcher(allHandlers)
    await expect(call('media.show', { id: -3 }, { user })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(call('media.list', { type: 'podcast' } as never, { user })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})
