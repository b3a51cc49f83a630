// The contract's input schemas, loaded one area at a time on the first call into it. A one-shot
// command (`castdesk sync`) builds the schemas of its own area, not the ~1,500 lines of all of
// them: zod builds each schema eagerly, and all of them cost more than a no-op sync's own work.
import type { ZodType } from 'zod'
import type { ApiName, Inputs } from '../../shared/api'

type AreaInputs = Partial<Record<ApiName, ZodType>>

/** Each area file of src/shared/api/, as its own chunk. */
const AREAS = {
  audio: () => import('../../shared/api/audio.api').then((m) => m.audioInputs),
  catalog: () => import('../../shared/api/catalog.api').then((m) => m.catalogInputs),
  config: () => import('../../shared/api/config.api').then((m) => m.configInputs),
  feeds: () => import('../../shared/api/feeds.api').then((m) => m.feedsInputs),
  images: () => import('../../shared/api/images.api').then((m) => m.imagesInputs),
  jobs: () => import('../../shared/api/jobs.api').then((m) => m.jobsInputs),
  libraryBackup: () => import('../../shared/api/library-backup.api').then((m) => m.libraryBackupInputs),
  media: () => import('../../shared/api/media.api').then((m) => m.mediaInputs),
  podcasts: () => import('../../shared/api/podcasts.api').then((m) => m.podcastsInputs),
  quarantine: () => import('../../shared/api/quarantine.api').then((m) => m.quarantineInputs),
  search: () => import('../../shared/api/search.api').then((m) => m.searchInputs),
  storage: () => import('../../shared/api/storage.api').then((m) => m.storageInputs),
  system: () => import('../../shared/api/system.api').then((m) => m.systemInputs),
  tokens: () => import('../../shared/api/tokens.api').then((m) => m.tokensInputs),
  users: () => import('../../shared/api/users.api').then((m) => m.usersInputs),
  video: () => import('../../shared/api/video.api').then((m) => m.videoInputs),
} satisfies Record<string, () => Promise<AreaInputs>>

export type Area = keyof typeof AREAS
type Domain = ApiName extends infer N ? (N extends `${infer D}.${string}` ? D : never) : never

/** Where a domain's operations are defined (a domain may span two areas); tsc wants every domain. */
export const DOMAIN_AREAS: Readonly<Record<Domain, readonly Area[]>> = {
  audio: ['audio'],
  config: ['config'],
  episodes: ['podcasts'],
  galleries: ['images'],
  images: ['images'],
  jobs: ['jobs'],
  library: ['libraryBackup'],
  maintenance: ['storage'],
  media: ['media', 'catalog'],
  podcast: ['podcasts', 'feeds'],
  publish: ['podcasts'],
  quarantine: ['quarantine'],
  search: ['search'],
  storage: ['storage'],
  system: ['system'],
  tokens: ['tokens'],
  trash: ['storage'],
  users: ['users'],
  video: ['video'],
}

const loaded = new Map<Area, Promise<AreaInputs>>()

function loadArea(area: Area): Promise<AreaInputs> {
  let inputs = loaded.get(area)
  if (!inputs) {
    inputs = AREAS[area]() as Promise<AreaInputs>
    loaded.set(area, inputs)
  }
  return inputs
}

/** The input schema of one operation, its area loaded on first use. */
export async function inputSchema<N extends ApiName>(name: N): Promise<Inputs[N]> {
  const domain = name.slice(0, name.indexOf('.')) as Domain
  for (const area of DOMAIN_AREAS[domain] ?? []) {
    const schema = (await loadArea(area))[name]
    if (schema) return schema as Inputs[N]
  }
  throw new Error(`The contract has no input schema for "${name}" (see DOMAIN_AREAS)`)
}

/** Every operation's input schema (the REST server's OpenAPI document lists them all). */
export async function allInputs(): Promise<Inputs> {
  const areas = await Promise.all((Object.keys(AREAS) as Area[]).map(loadArea))
  return Object.assign({}, ...areas) as Inputs
}
