import type { S3TestServer } from '../../test/integration/storage/support/s3-server'

/**
 * What a bucket holds, checked against the source's SHA-256 per key: every object is a file of
 * the source with its whole content and its `sha256` metadata (never partial); with `complete`,
 * none is missing.
 */
export async function checkBucket(
  s3: S3TestServer,
  bucket: string,
  expected: ReadonlyMap<string, string>,
  complete: boolean,
): Promise<string[]> {
  const problems: string[] = []
  const keys = await s3.keys(bucket)
  for (const key of keys) {
    const want = expected.get(key)
    if (!want) {
      problems.push(`s3 ${key}: not a file of the source`)
      continue
    }
    if ((await s3.sha256(bucket, key)) !== want) problems.push(`s3 ${key}: partial or wrong content`)
    const meta = await s3.metadata(bucket, key)
    if (meta.sha256 !== want) problems.push(`s3 ${key}: sha256 metadata ${meta.sha256} is not its content's`)
  }
  if (complete) {
    const missing = [...expected.keys()].filter((key) => !keys.includes(key))
    if (missing.length) problems.push(`s3 lacks ${missing.length}: ${missing.slice(0, 5).join(', ')}`)
  }
  return problems
}
