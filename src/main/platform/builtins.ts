import { lazy, requireLazily } from './lazy'

// Node built-ins that cost start-up time (child_process alone ~4 ms, http and https ~5 ms) and that
// most commands never use: each is required on first use. `import type` keeps their types.
export const childProcess = lazy(
  () => requireLazily('node:child_process') as typeof import('node:child_process'),
)
export const workerThreads = lazy(
  () => requireLazily('node:worker_threads') as typeof import('node:worker_threads'),
)
export const zlib = lazy(() => requireLazily('node:zlib') as typeof import('node:zlib'))
export const http = lazy(() => requireLazily('node:http') as typeof import('node:http'))
export const https = lazy(() => requireLazily('node:https') as typeof import('node:https'))
export const dns = lazy(() => requireLazily('node:dns') as typeof import('node:dns'))
