/**
 * A path inside a packaged app's `app.asar` rewritten to its `app.asar.unpacked` twin, where
 * electron-builder's `asarUnpack` puts binaries: a process cannot be spawned from inside an
 * archive. Other paths (Node, an unpacked app) come back unchanged.
 */
export function unpackedAsarPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
}
