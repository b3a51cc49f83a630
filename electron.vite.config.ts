import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import pkg from './package.json'

export default defineConfig({
  main: {
    define: { __CASTDESK_VERSION__: JSON.stringify(pkg.version) },
    build: {
      // Bundled, not loaded from node_modules: zod's package is ~90 files (every locale) that each
      // cost a resolve, a read and a compile at start-up; bundled, only what is used remains.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          engine: resolve(__dirname, 'src/main/engine.ts'),
          // Loaded by bin/castdesk.js before the CLI itself; it must stay a standalone file.
          'compile-cache': resolve(__dirname, 'src/main/platform/compile-cache.ts'),
          'rendition-worker': resolve(__dirname, 'src/main/media/images/worker/rendition-worker.ts'),
        },
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
