import type { StorageConfig } from '../../shared/config-schema'
import { DEFAULT_RETRY, type RetryPolicy } from './retry'

/** An S3 storage's entry in castdesk.config.json (with its defaults applied). */
export type S3StorageConfig = Extract<StorageConfig, { type: 's3' }>

const MiB = 1024 * 1024

/** What an S3 storage works with, in bytes and milliseconds. */
export interface S3StorageSettings {
  bucket: string
  /** Prepended to every key; empty or ending in "/". */
  prefix: string
  endpoint?: string
  region: string
  forcePathStyle: boolean
  publicBaseUrl?: string
  multipartThreshold: number
  partSize: number
  partConcurrency: number
  requestTimeoutMs: number
  retry: RetryPolicy
}

export function s3SettingsFromConfig(config: S3StorageConfig): S3StorageSettings {
  return {
    bucket: config.bucket,
    prefix: config.prefix && !config.prefix.endsWith('/') ? `${config.prefix}/` : config.prefix,
    endpoint: config.endpoint?.replace(/\/+$/, ''),
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    publicBaseUrl: config.publicBaseUrl,
    multipartThreshold: config.multipartThresholdMiB * MiB,
    partSize: config.partSizeMiB * MiB,
    partConcurrency: config.partConcurrency,
    requestTimeoutMs: Math.round(config.requestTimeoutSeconds * 1000),
    retry: { ...DEFAULT_RETRY, attempts: config.maxAttempts },
  }
}
