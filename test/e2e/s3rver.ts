import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

/** The bucket the e2e sync targets, and the storage name Settings gives it. */
export const E2E_BUCKET = 'castdesk-e2e'
export const E2E_STORAGE = 'production'
/** s3rver checks the access key id only (never the signature). */
const S3RVER_KEY = 'S3RVER'

/**
 * s3rver on 127.0.0.1 and a free port, with the e2e bucket; and the environment `castdesk serve`
 * reads the storage's keys from (never the config file).
 */
export async function startE2eS3(): Promise<{
  endpoint: string
  /** Where s3rver keeps the objects (a test may age one: its LastModified is the file's mtime). */
  dir: string
  env: Record<string, string>
  stop: () => Promise<void>
}> {
  const dir = mkdtempSync(join(tmpdir(), 'castdesk-e2e-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: dir,
    silent: true,
    configureBuckets: [{ name: E2E_BUCKET, configs: [] }],
  })
  const { port } = await server.run()
  const prefix = `CASTDESK_S3_${E2E_STORAGE.toUpperCase()}_`
  return {
    endpoint: `http://127.0.0.1:${port}`,
    dir,
    env: {
      [`${prefix}ACCESS_KEY_ID`]: S3RVER_KEY,
      [`${prefix}SECRET_ACCESS_KEY`]: S3RVER_KEY,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stop: async () => {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
