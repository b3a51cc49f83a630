import type { z } from 'zod'
import { type AudioOutputs, audioInputs } from './api/audio.api'
import { type CatalogOutputs, catalogInputs } from './api/catalog.api'
import { type ConfigOutputs, configInputs } from './api/config.api'
import { type FeedsOutputs, feedsInputs } from './api/feeds.api'
import { type ImagesOutputs, imagesInputs } from './api/images.api'
import { type JobsOutputs, jobsInputs } from './api/jobs.api'
import { type LibraryBackupOutputs, libraryBackupInputs } from './api/library-backup.api'
import { type MediaOutputs, mediaInputs } from './api/media.api'
import { type PodcastsOutputs, podcastsInputs } from './api/podcasts.api'
import { type QuarantineOutputs, quarantineInputs } from './api/quarantine.api'
import { type SearchOutputs, searchInputs } from './api/search.api'
import { type StorageOutputs, storageInputs } from './api/storage.api'
import { type SystemOutputs, systemInputs } from './api/system.api'
import { type TokensOutputs, tokensInputs } from './api/tokens.api'
import { type UsersOutputs, usersInputs } from './api/users.api'
import { type VideoOutputs, videoInputs } from './api/video.api'
import type { User } from './media'

/**
 * The one contract every door (IPC, REST, CLI) calls. Each operation is named once, as
 * `domain.verb` with the zod schema of its input, in its domain's file under `api/`; handlers
 * are typed against the merged contract here.
 */
export const inputs = {
  ...usersInputs,
  ...mediaInputs,
  ...jobsInputs,
  ...imagesInputs,
  ...storageInputs,
  ...systemInputs,
  ...videoInputs,
  ...catalogInputs,
  ...searchInputs,
  ...tokensInputs,
  ...audioInputs,
  ...configInputs,
  ...podcastsInputs,
  ...libraryBackupInputs,
  ...quarantineInputs,
  ...feedsInputs,
} as const

export interface Outputs
  extends UsersOutputs,
    MediaOutputs,
    JobsOutputs,
    ImagesOutputs,
    StorageOutputs,
    SystemOutputs,
    VideoOutputs,
    CatalogOutputs,
    SearchOutputs,
    TokensOutputs,
    AudioOutputs,
    ConfigOutputs,
    PodcastsOutputs,
    LibraryBackupOutputs,
    QuarantineOutputs,
    FeedsOutputs {}

export type ApiName = keyof typeof inputs
export type ApiInput<N extends ApiName> = z.input<(typeof inputs)[N]>
export type ApiParsedInput<N extends ApiName> = z.output<(typeof inputs)[N]>
export type ApiOutput<N extends ApiName> = Outputs[N]

export const API_NAMES = Object.keys(inputs) as ApiName[]

/** Progress of a long operation, as every door reports it. */
export interface ProgressEvent {
  operation: ApiName
  done: number
  total: number
  /** One line a person can read, e.g. the file just finished. */
  detail?: string
  /** Transfers (sync, backup, restore) also report bytes, rate and time left. */
  bytes?: { done: number; total: number; perSecond: number; etaSeconds: number | null }
}

export interface CallContext {
  /** The acting user: every read and write is scoped to them. */
  user: User
  /** A call from the network (the REST server): what reaches this machine's disk and LAN is refused. */
  remote?: boolean
  onProgress?: (event: ProgressEvent) => void
}

export type ApiHandlers = {
  [N in ApiName]: (input: ApiParsedInput<N>, context: CallContext) => Promise<ApiOutput<N>>
}
