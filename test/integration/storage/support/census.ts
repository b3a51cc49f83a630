import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { relative, sep } from 'node:path'
import { listFiles } from '../../../helpers/library-snapshot'
import type { S3TestServer } from './s3-server'

/** key → SHA-256 of every file of a storage folder (its quarantine and partial writes left out). */
export function censusDir(root: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const path of listFiles(root)) {
    const key = relative(root, path).split(sep).join('/')
    if (key.startsWith('.castdesk-quarantine/') || key.startsWith('.castdesk-tmp/')) continue
    files.set(key, createHash('sha256').update(readFileSync(path)).digest('hex'))
  }
  return files
}

/** The same for a bucket of the test server. */
export async function censusBucket(s3: S3TestServer, bucket: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const key of await s3.keys(bucket)) {
    if (key.startsWith('castdesk-quarantine/')) continue
    files.set(key, await s3.sha256(bucket, key))
  }
  return files
}

/** Keys of `before` that are gone from `after` or hold other bytes there. */
export function lost(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  return [...before].filter(([key, sha]) => after.get(key) !== sha).map(([key]) => key)
}
