/** Keeps secrets out of logs: secret-looking keys are masked and known secret values are cut out. */

const SECRET_KEY = /secret|password|passwd|token|authorization|credential|access_?key|api_?key|session/i
const SECRET_ENV = /SECRET|TOKEN|PASSWORD|PASSWD|ACCESS_KEY|CREDENTIAL|API_KEY/i
const MASK = '[redacted]'
const MIN_SECRET_LENGTH = 4

/** The values of environment variables whose names say they hold secrets. */
export function secretValuesFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(
      ([name, value]) =>
        SECRET_ENV.test(name) && typeof value === 'string' && value.length >= MIN_SECRET_LENGTH,
    )
    .map(([, value]) => value as string)
}

export function redact(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return cutSecrets(value, secrets)
  if (depth > 8 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEY.test(key) ? MASK : redact(item, secrets, depth + 1),
    ]),
  )
}

function cutSecrets(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(MASK)
  return result.replace(/(Bearer\s+)[A-Za-z0-9._~+/-]+=*/g, `$1${MASK}`)
}
