// Electronegativity's TypeScript parser needs the TypeScript JS API; the project's own TypeScript 7
// is the native compiler without it. Point that one parser at electronegativity's bundled copy.
const Module = require('node:module')
const { dirname, join } = require('node:path')
const bundled = join(
  dirname(require.resolve('@doyensec/electronegativity/package.json')),
  'node_modules',
  'typescript',
)
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript' && parent?.filename?.includes('@typescript-eslint')) {
    return resolve.call(this, bundled, parent, ...rest)
  }
  return resolve.call(this, request, parent, ...rest)
}
