import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { app, safeStorage } from 'electron'
import type { DoctorCheck } from '../../shared/api/system.api'
import type { CredentialSource, S3Credentials } from '../storage/s3-credentials'

type StoredCredentials = Record<
  string,
  { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
>

const FILE = 's3-credentials.bin'

/** S3 credentials kept encrypted by the OS keychain (safeStorage) in the app's data folder. */
export function keychainCredentials(fallback: CredentialSource): CredentialSource {
  return (storageName) => {
    const saved = readAll()[storageName]
    if (!saved) return fallback(storageName)
    const credentials: S3Credentials = { ...saved, source: 'the desktop keychain' }
    return credentials
  }
}

export function saveCredentials(storageName: string, value: StoredCredentials[string]): void {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('The system keychain is not available, so S3 secrets cannot be stored safely.')
  }
  const all = { ...readAll(), [storageName]: value }
  writeFileSync(path(), safeStorage.encryptString(JSON.stringify(all)), { mode: 0o600 })
}

/** The keychain verdict for `doctor`: on Linux without a keyring, safeStorage falls back to plain text. */
export function keychainCheck(): DoctorCheck {
  const base = { id: 'keychain', title: 'credentials keychain' }
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      ...base,
      status: 'error',
      message:
        'No system keychain is available: S3 secrets cannot be stored. Set them as environment variables instead.',
    }
  }
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'system'
  if (backend === 'basic_text' || backend === 'unknown') {
    return {
      ...base,
      status: 'warning',
      message:
        'No keyring (GNOME Keyring or KWallet) was found, so stored S3 secrets are only obfuscated. Install and unlock a keyring, or use environment variables.',
      details: { backend },
    }
  }
  return {
    ...base,
    status: 'ok',
    message: `S3 secrets are encrypted by the system keychain (${backend}).`,
    details: { backend },
  }
}

function readAll(): StoredCredentials {
  if (!existsSync(path()) || !safeStorage.isEncryptionAvailable()) return {}
  try {
    return JSON.parse(safeStorage.decryptString(readFileSync(path()))) as StoredCredentials
  } catch {
    return {}
  }
}

function path(): string {
  return join(app.getPath('userData'), FILE)
}
