import { describe, expect, it } from 'vitest'
import { renditionProcessEnv } from '../../../src/main/media/images/worker/rendition-process'

describe('the rendition process environment', () => {
  it("keeps the parent's variables and tunes glibc's allocator for big pixel buffers", () => {
    const env = renditionProcessEnv({ PATH: '/usr/bin', HOME: '/home/podcaster' })
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      HOME: '/home/podcaster',
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '1048576',
      GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1',
      ELECTRON_RUN_AS_NODE: '1',
    })
  })

  it('adds huge pages to the glibc tunables a user already set, and keeps their own choice', () => {
    expect(renditionProcessEnv({ GLIBC_TUNABLES: 'glibc.pthread.rseq=0' }).GLIBC_TUNABLES).toBe(
      'glibc.pthread.rseq=0:glibc.malloc.hugetlb=1',
    )
    expect(renditionProcessEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }).GLIBC_TUNABLES).toBe(
      'glibc.malloc.hugetlb=0',
    )
  })
})
