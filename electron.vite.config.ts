import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import pkg from './package.json'

/**
 * commander loads child_process at start-up for executable subcommands, which Castdesk never uses
 * (~3 ms of every command): it is loaded on first use instead. The build fails if commander's line
 * changes, so the rewrite is never silently lost or misapplied.
 */
function commanderChildProcessOnUse(): Plugin {
  const line = "const childProcess = require('node:child_process');"
  return {
    name: 'castdesk:commander-child-process-on-use',
    transform(code, id) {
      if (!/[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null
      if (!code.includes(line)) throw new Error(`commander changed: "${line}" not found in ${id}`)
      const lazy =
        "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"
      return { code: code.replace(line, lazy), map: null }
    },
  }
}

export default defineConfig({
  main: {
    define: { __CASTDESK_VERSION__: JSON.stringify(pkg.version) },
    plugins: [commanderChildProcessOnUse()],
    build: {
      // Bundled, not loaded from node_modules: zod's package is ~90 files (every locale), commander's
      // 7, each a resolve, a read and a compile at start-up; bundled, only what is used remains.
      // p-limit is an ES module: Node 20 would start its ES module loader for it (~15 ms).
      // better-sqlite3's JavaScript too (17 files); its addon is always named (library/sqlite-addon.ts).
      externalizeDeps: { exclude: ['zod', 'commander', 'p-limit', 'better-sqlite3'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          engine: resolve(__dirname, 'src/main/engine.ts'),
          // Loaded by bin/castdesk.js before the CLI itself; it must stay a standalone file.
          'compile-cache': resolve(__dirname, 'src/main/platform/compile-cache.ts'),
          'rendition-worker': resolve(__dirname, 'src/main/media/images/worker/rendition-worker.ts'),
        },
        // JSDoc dropped: bundled packages' doc comments mention `import("…")` types, and the compile
        // cache leaves any file that might import dynamically to Node (see platform/compile-cache.ts).
        // ASCII only: Node reads a file with one non-ASCII character into a two-byte string, twice
        // the memory and twice the decoding time of the one-byte string it reads otherwise.
        output: { comments: { jsdoc: false, legal: true, annotation: true }, charset: 'ascii' },
      },
    },
  },
  preload: {},
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: { rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') } },
    plugins: [react()],
  },
})
