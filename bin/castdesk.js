#!/usr/bin/env node

// libvips and file I/O share libuv's pool; size it before anything uses it.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, require('node:os').availableParallelism()))
// Node 22.1+ caches compiled code on disk (module.enableCompileCache); Node 20 has no such cache.
require('node:module').enableCompileCache?.()
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const entry = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(entry)) {
  process.stderr.write(
    'castdesk: the CLI is not built yet. Run "npm install" (or "npm run build") in the Castdesk folder.\n',
  )
  process.exit(1)
}
require(entry)
