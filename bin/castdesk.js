#!/usr/bin/env node

// libvips and file I/O share libuv's pool; size it before anything uses it.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, require('node:os').availableParallelism()))
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const out = join(__dirname, '..', 'out', 'main')
const entry = join(out, 'cli.js')
if (!existsSync(entry)) {
  process.stderr.write(
    'castdesk: the CLI is not built yet. Run "npm install" (or "npm run build") in the Castdesk folder.\n',
  )
  process.exit(1)
}
// Compiled code is cached on disk (out/main/compile-cache.js; CASTDESK_COMPILE_CACHE=0 turns it
// off). A cache that fails is no cache, never a failed command.
if (process.env.CASTDESK_COMPILE_CACHE !== '0') {
  try {
    require(join(out, 'compile-cache.js')).installCompileCache()
  } catch {}
}
require(entry)
