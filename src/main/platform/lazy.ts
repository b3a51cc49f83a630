import { createRequire } from 'node:module'

/** `require` for a heavy package at its first use, so that start-up does not pay for it. */
export const requireLazily = createRequire(import.meta.url)

/** A value made on first use and kept. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => {
    made ??= { value: make() }
    return made.value
  }
}
