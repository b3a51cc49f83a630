import { CastdeskError } from '../../shared/errors'

/** S3 credentials for one storage, and where they came from (named in error messages, never the secret). */
export interface S3Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** E.g. "CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID", or "the desktop keychain". */
  source: string
}

/** Finds the credentials of a named storage; null when it has none. */
export type CredentialSource = (storageName: string) => S3Credentials | null

/** `CASTDESK_S3_<NAME>_`: the storage name upper-cased, every other character an underscore. */
export function envPrefixFor(storageName: string): string {
  return `CASTDESK_S3_${storageName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`
}

/**
 * Credentials from the environment: `CASTDESK_S3_<NAME>_ACCESS_KEY_ID`, `…_SECRET_ACCESS_KEY` and
 * optionally `…_SESSION_TOKEN` for the storage, else `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_SESSION_TOKEN`. Never from the config file or the database.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): CredentialSource {
  return (storageName) => {
    const prefix = envPrefixFor(storageName)
    const own = pick(env, `${prefix}ACCESS_KEY_ID`, `${prefix}SECRET_ACCESS_KEY`, `${prefix}SESSION_TOKEN`)
    if (own) return own
    if (env[`${prefix}ACCESS_KEY_ID`] || env[`${prefix}SECRET_ACCESS_KEY`]) {
      throw new CastdeskError(
        'storage_denied',
        `Storage "${storageName}" has only half its credentials: set both ${prefix}ACCESS_KEY_ID and ${prefix}SECRET_ACCESS_KEY.`,
      )
    }
    return pick(env, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN')
  }
}

/** The error for a storage without credentials: which variables to set. */
export function missingCredentials(storageName: string): CastdeskError {
  const prefix = envPrefixFor(storageName)
  return new CastdeskError(
    'storage_denied',
    `Storage "${storageName}" has no credentials: set ${prefix}ACCESS_KEY_ID and ${prefix}SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).`,
  )
}

function pick(
  env: NodeJS.ProcessEnv,
  idVar: string,
  secretVar: string,
  tokenVar: string,
): S3Credentials | null {
  const accessKeyId = env[idVar]?.trim()
  const secretAccessKey = env[secretVar]?.trim()
  if (!accessKeyId || !secretAccessKey) return null
  const sessionToken = env[tokenVar]?.trim() || undefined
  return { accessKeyId, secretAccessKey, sessionToken, source: idVar }
}
