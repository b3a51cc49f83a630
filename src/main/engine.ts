// The engine's public surface for plain-Node callers (benchmarks, scripts): the same code the
// CLI and the desktop app run.
export { createDispatcher } from './api/dispatch'
export { createHandlers } from './api/handlers'
export { actingUser } from './api/users.handlers'
export { Library } from './library/library'
export { stopToolRunners } from './media/tools/run-tool-off-thread'
export { resolveTool } from './media/tools/tool-paths'
