import type { Command } from 'commander'
import type { FeedImportItem, FeedImportReport } from '../../../shared/api/feeds.api'
import { formatBytes } from '../../../shared/format'
import { type GlobalOptions, withSession } from '../cli-context'
import { printLines } from '../output'
import { parseId } from '../parse-args'
import { progressReporter } from '../progress'

/** `podcast import FEED`: bring a show in from its RSS feed (a URL or a file). */
export function registerFeedImportCommand(program: Command, globals: () => GlobalOptions): void {
  const podcast =
    program.commands.find((command) => command.name() === 'podcast') ?? program.command('podcast')
  podcast
    .command('import')
    .description(
      'bring your show in from its RSS feed (a URL or a file): every episode with its audio, chapters, transcript, show notes, artwork and GUID; a second run brings only what changed',
    )
    .argument('<feed>', 'the feed: an http(s) address or a file')
    .option('--limit <n>', 'only the newest N episodes', parseId)
    .option('--dry-run', 'only show the plan: what would be created, updated and downloaded')
    .option(
      '--no-media',
      'skip audio, chapters and transcripts (the episodes stay drafts until a run fetches them)',
    )
    .action(async (feed: string, options: { limit?: number; dryRun?: boolean; media: boolean }) => {
      const json = globals().json ?? false
      const report = await withSession(globals(), async ({ call, context }) => {
        const progress = progressReporter('Import')
        // The first Ctrl-C stops the import cleanly (finished episodes stay, the next run resumes);
        // a second one ends the process at once.
        const stop = () => void call('podcast.cancelImport', {}, context).catch(() => undefined)
        process.once('SIGINT', stop)
        try {
          return await call(
            'podcast.import',
            { feed, limit: options.limit, dryRun: options.dryRun ?? false, media: options.media },
            {
              ...context,
              onProgress: (event) => {
                if (json) process.stdout.write(`${JSON.stringify({ progress: event })}\n`)
                else progress.update(event)
              },
            },
          )
        } finally {
          process.off('SIGINT', stop)
          progress.stop()
        }
      })
      if (json) process.stdout.write(`${JSON.stringify(report)}\n`)
      else printLines(reportLines(report))
      for (const item of report.items)
        for (const error of item.errors)
          process.stderr.write(`${item.title}: ${error.message} [${error.code}]\n`)
      if (report.cancelled)
        process.stderr.write(
          'Stopped on request: the finished episodes are in; run the same command again to bring the rest.\n',
        )
      if (report.failed > 0 || report.cancelled) process.exitCode = 1
    })
}

function reportLines(report: FeedImportReport): string[] {
  const p = report.podcast
  const lines = [
    `${report.dryRun ? 'Plan' : 'Imported'}: "${p.title}" from ${report.feed}`,
    `podcast: ${p.action}${p.fields.length ? ` (${p.fields.join(', ')})` : ''}${p.conflicts.length ? `; kept your edits of ${p.conflicts.join(', ')}` : ''}`,
  ]
  for (const item of report.items) lines.push(itemLine(item))
  if (report.left_out) lines.push(`${report.left_out} older episodes left out (--limit)`)
  lines.push(
    `downloads: ${formatBytes(report.bytes_needed)} needed, ${report.bytes_free === null ? 'free space unknown' : `${formatBytes(report.bytes_free)} free`}${report.dryRun ? '' : `; ${formatBytes(report.downloaded_bytes)} downloaded`}`,
  )
  for (const note of report.not_kept) lines.push(`not kept: ${note}`)
  for (const warning of report.warnings) lines.push(`warning: ${warning}`)
  if (!report.dryRun) {
    const stopped = report.items.filter((i) => i.status === 'cancelled').length
    lines.push(
      `${report.items.length - report.failed - stopped} episodes fine, ${report.failed} with errors${stopped ? `, ${stopped} stopped (cancelled)` : ''}, ${report.seconds} s`,
    )
  }
  return lines
}

function itemLine(item: FeedImportItem): string {
  const date = (item.published ?? 'no date').slice(0, 10)
  const status = item.status ? ` → ${item.status}` : ''
  const bytes = item.downloads.reduce((sum, d) => sum + (d.bytes ?? 0), 0)
  const details = [
    item.fields.length && item.action !== 'new' ? `sets ${item.fields.join(', ')}` : '',
    item.conflicts.length ? `kept your edits of ${item.conflicts.join(', ')}` : '',
    item.downloads.length ? `${item.downloads.length} downloads, ${formatBytes(bytes)}` : '',
  ].filter(Boolean)
  return `  ${item.action.padEnd(9)} ${date}  ${item.title}${details.length ? ` (${details.join('; ')})` : ''}${status}`
}
