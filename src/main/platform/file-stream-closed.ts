import type { WriteStream } from 'node:fs'

/**
 * Resolves once a file write stream has closed. A pipeline rejects as soon as one stream fails,
 * while the write stream's open may still be in flight: a file removed before that open finishes
 * would be created right after, and left behind.
 */
export function fileStreamClosed(stream: WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve()
  return new Promise((resolve) => stream.once('close', () => resolve()))
}
