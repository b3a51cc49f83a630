import { readFileSync } from 'node:fs'
import { type Command, InvalidArgumentError } from 'commander'
import type { ApiInput } from '../../../shared/api'
import type { BlockInput, EpisodeInfo, PodcastInfo, PublishReport } from '../../../shared/api/podcasts.api'
import { CastdeskError } from '../../../shared/errors'
import { formatBytes } from '../../../shared/format'
import { type GlobalOptions, withSession } from '../cli-context'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'
import { progressReporter } from '../progress'
import {
  type FundingOptions,
  fundingInput,
  fundingOptions,
  type PeopleOptions,
  peopleOptions,
  personsInput,
} from './people-options'
import { quarantineLines } from './quarantine.commands'

interface PodcastOptions extends PeopleOptions, FundingOptions {
  title?: string
  subtitle?: string
  description?: string
  language?: string
  category?: string
  explicit?: boolean
  author?: string
  ownerName?: string
  ownerEmail?: string
  cover?: number
  baseUrl?: string
}

interface EpisodeOptions extends PeopleOptions {
  title?: string
  slug?: string
  published?: string
  draft?: boolean
  audio?: number
  cover?: number
  season?: number
  number?: number
  type?: 'full' | 'trailer' | 'bonus'
  block?: BlockInput[]
  body?: string
}

/** `podcast init|show|edit`, `episode add|edit|list|show` and `publish`. */
export function registerPodcastCommands(program: Command, globals: () => GlobalOptions): void {
  const run = <T>(work: Parameters<typeof withSession<T>>[1]) => withSession(globals(), work)
  const json = () => globals().json ?? false

  const podcast = program.command('podcast').description('your podcast: title, feed details, cover, base URL')
  const podcastOptions = (command: Command) =>
    fundingOptions(peopleOptions(command, 'hosts'))
      .option('--subtitle <text>', 'subtitle')
      .option('--description <markdown>', 'description (Markdown; ≤4000 characters)')
      .option('--language <code>', 'ISO 639 language, e.g. en or en-us')
      .option('--category <category>', 'Apple category, a subcategory after ">" (e.g. "Arts > Food")')
      .option('--explicit', 'mark the podcast explicit')
      .option('--no-explicit', 'mark the podcast clean')
      .option('--author <name>', 'author (itunes:author)')
      .option('--owner-name <name>', 'owner name (itunes:owner)')
      .option('--owner-email <email>', 'owner e-mail (itunes:owner)')
      .option('--cover <id>', 'cover image id (1400–3000 px square for Apple)', parseId)
      .option('--base-url <url>', 'where the published site lives, e.g. https://example.org/show/')
  podcastOptions(
    podcast.command('init').description('create your podcast').requiredOption('--title <title>', 'title'),
  ).action(async (options: PodcastOptions & { title: string }) => {
    const input = { ...podcastInput(options), title: options.title }
    const result = await run(({ call, context }) => call('podcast.init', input, context))
    printPodcast(result, json())
  })
  podcast
    .command('show')
    .description('show your podcast')
    .action(async () =>
      printPodcast(await run(({ call, context }) => call('podcast.show', {}, context)), json()),
    )
  podcastOptions(
    podcast.command('edit').description('change your podcast').option('--title <title>', 'title'),
  ).action(async (options: PodcastOptions) => {
    const input = podcastInput(options)
    const result = await run(({ call, context }) => call('podcast.update', input, context))
    printPodcast(result, json())
  })

  const episode = program.command('episode').description('episodes: posts made of media blocks')
  const episodeOptions = (command: Command) =>
    peopleOptions(command, 'guests')
      .option('--slug <slug>', 'the page folder (default: from the title)')
      .option('--published <date>', 'publication date: ISO 8601 with a time zone, a date, or "now"')
      .option('--draft', 'no publication date: not published')
      .option('--audio <id>', 'the episode audio (the feed enclosure)', parseId)
      .option('--cover <id>', 'episode cover image', parseId)
      .option('--season <n>', 'season number', parseId)
      .option('--number <n>', 'episode number', parseId)
      .option('--type <type>', 'full, trailer or bonus', parseType)
      .option(
        '--block <type:value>',
        'a body block, in order (repeat): heading:TEXT, text:MARKDOWN, image:ID, gallery:ID,ID,…, audio:ID, video:ID; replaces the body',
        (value: string, previous: BlockInput[] = []) => [...previous, parseBlock(value)],
      )
      .option('--body <file>', 'the body as a JSON list of blocks ("-" reads stdin); replaces the body')
  episodeOptions(
    episode.command('add').description('add an episode').requiredOption('--title <title>', 'title'),
  ).action(async (options: EpisodeOptions & { title: string }) => {
    const input = episodeInput(options) as ApiInput<'episodes.create'>
    const result = await run(({ call, context }) => call('episodes.create', input, context))
    printEpisode(result, json())
  })
  episodeOptions(
    episode
      .command('edit')
      .description('change an episode')
      .argument('<id>', 'episode id', parseId)
      .option('--title <title>', 'title'),
  ).action(async (id: number, options: EpisodeOptions) => {
    const input = { id, ...episodeInput(options) }
    const result = await run(({ call, context }) => call('episodes.update', input, context))
    printEpisode(result, json())
  })
  episode
    .command('list')
    .description('list your episodes, newest first (drafts first of all)')
    .action(async () => {
      const list = await run(({ call, context }) => call('episodes.list', {}, context))
      if (json()) return printJson(list)
      printLines(
        list.map(
          (e) =>
            `${String(e.id).padStart(5)}  ${(e.published ?? 'draft').slice(0, 10).padEnd(10)}  ${e.slug}  ${e.title}  (${e.blocks} blocks${e.audio ? `, audio #${e.audio}` : ''})`,
        ),
      )
    })
  episode
    .command('show')
    .description('show an episode with its blocks and the media it uses')
    .argument('<id>', 'episode id', parseId)
    .action(async (id: number) => {
      printEpisode(await run(({ call, context }) => call('episodes.show', { id }, context)), json())
    })

  program
    .command('publish')
    .description(
      'publish the podcast: episode pages, feeds (one per audio format), chapters, transcripts and media, copied to a storage through sync (unchanged files are not sent again)',
    )
    .option('--to <storage>', 'the storage to publish to (default: production)')
    .option('--dry-run', 'only show what would be copied')
    .action(async (options: { to?: string; dryRun?: boolean }) => {
      const report = await run(async ({ call, context }) => {
        const progress = progressReporter('Publish')
        try {
          return await call(
            'publish.run',
            { to: options.to, dryRun: options.dryRun ?? false },
            { ...context, onProgress: (e) => progress.update(e) },
          )
        } finally {
          progress.stop()
        }
      })
      if (json()) printJson(report)
      else printLines(publishLines(report))
      for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`)
      for (const failure of report.failures)
        process.stderr.write(`${failure.key}: ${failure.message} [${failure.code}]\n`)
      if (report.failures.length > 0) process.exitCode = 1
    })
}

function podcastInput(options: PodcastOptions) {
  const { person: _p, persons: _ps, funding: _f, locked: _l, lockOwner: _o, ...rest } = options
  return { ...rest, persons: personsInput(options, 'host'), ...fundingInput(options) }
}

function episodeInput(options: EpisodeOptions): Record<string, unknown> {
  if (options.draft && options.published)
    throw new CastdeskError('invalid_input', 'Give --published or --draft, not both.')
  if (options.block && options.body)
    throw new CastdeskError('invalid_input', 'Give --block or --body, not both.')
  const { draft, block, body, published, person: _p, persons: _ps, ...rest } = options
  return {
    ...rest,
    persons: personsInput(options, 'guest'),
    ...(draft ? { published: null } : {}),
    ...(published !== undefined
      ? { published: published === 'now' ? new Date().toISOString() : published }
      : {}),
    ...(block ? { body: block } : {}),
    ...(body !== undefined ? { body: readBody(body) } : {}),
  }
}

function readBody(path: string): unknown {
  const text = readFileSync(path === '-' ? 0 : path, 'utf8')
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CastdeskError(
      'invalid_input',
      `${path} is not JSON (${(error as Error).message}): give a list of blocks.`,
    )
  }
}

function parseType(value: string): 'full' | 'trailer' | 'bonus' {
  if (value === 'full' || value === 'trailer' || value === 'bonus') return value
  throw new InvalidArgumentError(`"${value}" is not an episode type: use full, trailer or bonus.`)
}

/** `heading:TEXT`, `text:MARKDOWN`, `image:ID`, `gallery:ID,ID`, `audio:ID`, `video:ID`. */
export function parseBlock(value: string): BlockInput {
  const colon = value.indexOf(':')
  const kind = colon < 0 ? value : value.slice(0, colon)
  const rest = colon < 0 ? '' : value.slice(colon + 1)
  const id = (text: string) => {
    if (!/^\d+$/.test(text.trim()) || Number(text) < 1) {
      throw new InvalidArgumentError(`"${text}" in --block ${kind}: is not an id (a positive whole number).`)
    }
    return Number(text)
  }
  switch (kind) {
    case 'heading':
      return { type: 'heading', text: rest }
    case 'text':
    case 'paragraph':
      return { type: 'paragraph', markdown: rest }
    case 'image':
      return { type: 'image', image: id(rest) }
    case 'gallery':
      return { type: 'gallery', images: rest.split(',').map(id) }
    case 'audio':
      return { type: 'audio', audio: id(rest) }
    case 'video':
      return { type: 'video', video: id(rest) }
    default:
      throw new InvalidArgumentError(
        `"${value}" is not a block: use heading:TEXT, text:MARKDOWN, image:ID, gallery:ID,ID, audio:ID or video:ID.`,
      )
  }
}

function printPodcast(podcast: PodcastInfo, asJson: boolean): void {
  if (asJson) {
    printJson(podcast)
    return
  }
  printLines([
    `${podcast.title}${podcast.subtitle ? ` — ${podcast.subtitle}` : ''}`,
    `language: ${podcast.language}  category: ${podcast.category || '(none)'}  explicit: ${podcast.explicit}`,
    `author: ${podcast.author || '(none)'}  owner: ${podcast.owner_name || '(none)'} <${podcast.owner_email}>`,
    `cover: ${podcast.cover === null ? '(none)' : `image #${podcast.cover}`}`,
    `base URL: ${podcast.base_url || '(not set: needed to publish)'}`,
    ...(podcast.persons.length
      ? [`people: ${podcast.persons.map((p) => `${p.name} (${p.role})`).join(', ')}`]
      : []),
    ...podcast.funding.map((f) => `funding: ${f.url}${f.text ? ` — ${f.text}` : ''}`),
    ...(podcast.locked
      ? [
          `locked: ${podcast.locked.locked ? 'yes' : 'no'}${podcast.locked.owner ? ` (${podcast.locked.owner})` : ''}`,
        ]
      : []),
  ])
}

function printEpisode(episode: EpisodeInfo, asJson: boolean): void {
  if (asJson) {
    printJson(episode)
    return
  }
  const lines = [
    `#${episode.id} ${episode.title} (${episode.slug})`,
    `published: ${episode.published ?? 'draft'}  type: ${episode.type}${episode.season ? `  season ${episode.season}` : ''}${episode.number ? `  episode ${episode.number}` : ''}`,
    `audio: ${episode.audio === null ? '(none)' : `#${episode.audio}`}  cover: ${episode.cover === null ? '(none)' : `#${episode.cover}`}`,
    ...(episode.persons.length
      ? [`people: ${episode.persons.map((p) => `${p.name} (${p.role})`).join(', ')}`]
      : []),
    ...episode.body.map((block, index) => `  ${index + 1}. ${blockLine(block)}`),
  ]
  if (episode.renditions_queued > 0) lines.push(`${episode.renditions_queued} renditions queued`)
  printLines(lines)
}

function blockLine(block: EpisodeInfo['body'][number]): string {
  switch (block.type) {
    case 'heading':
      return `heading: ${block.text}`
    case 'paragraph':
      return `text: ${block.markdown.split('\n')[0]?.slice(0, 60) ?? ''}`
    case 'image':
      return `image #${block.image}`
    case 'gallery':
      return `gallery #${block.gallery}: images ${block.images.map((i) => `#${i}`).join(', ')}`
    case 'audio':
      return `audio #${block.audio}`
    case 'video':
      return `video #${block.video}`
  }
}

const LISTING_MARK = { add: '+', change: '*', same: '=' } as const

function publishLines(report: PublishReport): string[] {
  const { plan } = report
  const head = `${report.dryRun ? 'would publish' : 'published'} ${report.episodes} episodes to "${report.to}" (${report.base_url}): ${report.files} files, feeds ${report.feeds.join(', ') || '(none)'}`
  if (report.dryRun) {
    return [
      head,
      `plan: ${plan.add} to add, ${plan.change} to change, ${plan.same} unchanged (${formatBytes(plan.bytes)} to send)`,
      // Every file of the site with its size: + to add, * changed, = already there; - to remove.
      ...(report.listing ?? []).map(
        (file) => `${LISTING_MARK[file.action]} ${formatBytes(file.size).padStart(10)}  ${file.key}`,
      ),
      ...(report.paths?.remove ?? []).map((key) => `- ${''.padStart(10)}  ${key}`),
    ]
  }
  return [
    head,
    `copied ${report.copied} files (${formatBytes(report.bytes)}), ${plan.same} unchanged, ${report.removed} removed, ${report.failures.length} failed, in ${report.seconds} s`,
    ...quarantineLines(report.quarantine),
  ]
}
