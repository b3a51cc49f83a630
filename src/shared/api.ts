import type { z } from 'zod'
import type { AudioOutputs, audioInputs } from './api/audio.api'
import type { CatalogOutputs, catalogInputs } from './api/catalog.api'
import type { ConfigOutputs, configInputs } from './api/config.api'
import type { FeedsOutputs, feedsInputs } from './api/feeds.api'
import type { ImagesOutputs, imagesInputs } from './api/images.api'
import type { JobsOutputs, jobsInputs } from './api/jobs.api'
import type { LibraryBackupOutputs, libraryBackupInputs } from './api/library-backup.api'
import type { MediaOutputs, mediaInputs } from './api/media.api'
import type { PodcastsOutputs, podcastsInputs } from './api/podcasts.api'
import type { QuarantineOutputs, quarantineInputs } from './api/quarantine.api'
import type { SearchOutputs, searchInputs } from './api/search.api'
import type { StorageOutputs, storageInputs } from './api/storage.api'
import type { SystemOutputs, systemInputs } from './api/system.api'
import type { TokensOutputs, tokensInputs } from './api/tokens.api'
import type { UsersOutputs, usersInputs } from './api/users.api'
import type { VideoOutputs, videoInputs } from './api/video.api'
import type { User } from './media'

/**
 * The one contract every door (IPC, REST, CLI) calls. Each operation is named once, as
 * `domain.verb` with the zod schema of its input, in its domain's file under `api/`; handlers
 * are typed against the merged contract here. The schemas themselves are loaded per area, on a
 * door's first call into it (src/main/api/contract-inputs.ts): building all of them costs a
 * one-shot command more than its own work.
 */
export type Inputs = typeof usersInputs &
  typeof mediaInputs &
  typeof jobsInputs &
  typeof imagesInputs &
  typeof storageInputs &
  typeof systemInputs &
  typeof videoInputs &
  typeof catalogInputs &
  typeof searchInputs &
  typeof tokensInputs &
  typeof audioInputs &
  typeof configInputs &
  typeof podcastsInputs &
  typeof libraryBackupInputs &
  typeof quarantineInputs &
  typeof feedsInputs

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

export type ApiName = keyof Inputs
export type ApiInput<N extends ApiName> = z.input<Inputs[N]>
export type ApiParsedInput<N extends ApiName> = z.output<Inputs[N]>
export type ApiOutput<N extends ApiName> = Outputs[N]

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
