import { isAbsolute, join, resolve } from 'node:path'
import type { StorageInfo } from '../../shared/api/storage.api'
import type { CastdeskConfig } from '../../shared/config-schema'
import { CastdeskError } from '../../shared/errors'
import { createStorage } from './create-storage'
import { envPrefixFor } from './s3-credentials'
import type { S3StorageFactoryDeps } from './s3-storage'
import type { Storage } from './storage'

/**
 * The named storages of a library (django-cast's `default`, `production`, `backup`, any other),
 * each built once, on first use.
 */
export class StorageRegistry {
  private readonly made = new Map<string, Storage>()

  constructor(
    private config: CastdeskConfig,
    private readonly libraryDir: string,
    private readonly deps: S3StorageFactoryDeps = {},
    opened: Readonly<Record<string, Storage>> = {},
  ) {
    for (const [name, storage] of Object.entries(opened)) this.made.set(name, storage)
  }

  /**
   * Takes storages saved in Settings into use at once, except `default`, which the library opened
   * with and keeps until it is opened again. A storage whose settings changed is built afresh.
   */
  reconfigure(config: CastdeskConfig): void {
    const running = this.config.storages.default
    for (const name of [...this.made.keys()]) {
      if (name === 'default') continue
      if (JSON.stringify(config.storages[name]) !== JSON.stringify(this.config.storages[name])) {
        this.made.delete(name)
      }
    }
    this.config = { ...config, storages: { ...config.storages, ...(running ? { default: running } : {}) } }
  }

  names(): string[] {
    return Object.keys(this.config.storages).sort()
  }

  has(name: string): boolean {
    return name in this.config.storages
  }

  get(name: string): Storage {
    let storage = this.made.get(name)
    if (!storage) {
      storage = createStorage(name, this.config, this.libraryDir, this.deps)
      this.made.set(name, storage)
    }
    return storage
  }

  /** Name and location together: manifests are kept under it, so a storage pointed elsewhere starts afresh. */
  identity(name: string): string {
    const storage = this.get(name)
    if ('identity' in storage && typeof storage.identity === 'string') return storage.identity
    const settings = this.config.storages[name]
    const root = settings?.type === 'local' ? this.localRoot(settings.location) : ''
    return `${name} local:${root}`
  }

  /** Fails with what to configure when a command needs storages the config lacks. */
  require(names: readonly string[], command: string): void {
    const missing = names.filter((name) => !this.has(name))
    if (missing.length) {
      throw new CastdeskError(
        'invalid_config',
        `${command} needs the storage${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(' and ')}: add ${missing.length > 1 ? 'them' : 'it'} under "storages" in castdesk.config.json (production or backup storage not configured).`,
      )
    }
  }

  /** Every configured storage as the doors show it: never its credentials, only where they are read from. */
  describe(): StorageInfo[] {
    return this.names().map((name) => {
      const settings = this.config.storages[name]
      if (!settings || settings.type === 'local') {
        return {
          name,
          type: 'local' as const,
          location: this.localRoot(settings?.location ?? ''),
          endpoint: null,
          publicBaseUrl: settings?.publicBaseUrl ?? null,
          credentialVariables: [],
        }
      }
      const prefix = envPrefixFor(name)
      return {
        name,
        type: 's3' as const,
        location: `s3://${settings.bucket}/${settings.prefix}`,
        endpoint: settings.endpoint ?? null,
        publicBaseUrl: settings.publicBaseUrl ?? null,
        credentialVariables: [`${prefix}ACCESS_KEY_ID`, `${prefix}SECRET_ACCESS_KEY`],
      }
    })
  }

  /** The root folder of every local storage, by name. */
  localRoots(): Record<string, string> {
    const roots: Record<string, string> = {}
    for (const [name, settings] of Object.entries(this.config.storages))
      if (settings.type === 'local') roots[name] = this.localRoot(settings.location)
    return roots
  }

  private localRoot(location: string): string {
    return resolve(isAbsolute(location) ? location : join(this.libraryDir, location))
  }
}
