import { type CastdeskConfig, configSchema } from '../../../../shared/config-schema'

/** Field path ("avifEffort", "storages.production.bucket") → the schema's message. */
export type Issues = Record<string, string>

/** Checks a draft with the very schema the library reads castdesk.config.json with. */
export function validateConfig(draft: CastdeskConfig): Issues {
  const parsed = configSchema.safeParse(draft)
  const issues: Issues = {}
  if (parsed.success) return issues
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.')
    issues[path] ??= issue.message
  }
  return issues
}

/**
 * The server's refusal ("config.update: config.avifEffort: Too big: …; config.x: …") as field
 * issues, in case it knows better than this page (an edit made meanwhile, a newer schema).
 */
export function issuesFromMessage(message: string): Issues {
  const issues: Issues = {}
  const body = message.replace(/^config\.update: /, '')
  for (const part of body.split('; ')) {
    const match = /^config\.([^:]+): (.+)$/.exec(part)
    if (match?.[1] && match[2]) issues[match[1]] = match[2]
  }
  return issues
}

/** Issues under one prefix (a section's or a storage's). */
export function issuesUnder(issues: Issues, prefix: string): string[] {
  return Object.keys(issues).filter((path) => path === prefix || path.startsWith(`${prefix}.`))
}
