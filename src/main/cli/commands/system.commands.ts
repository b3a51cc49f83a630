import type { Command } from 'commander'
import { LOG_LEVELS, type LogLevel } from '../../logging/logger'
import { type GlobalOptions, libraryDirFrom } from '../cli-context'
import { loadEngine } from '../load-engine'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'

const MARK = { ok: '✓', warning: '!', error: '✗' } as const

export function registerSystemCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('doctor')
    .description(
      'check ffmpeg/ffprobe, image formats, the library, every storage and the limits; says what to fix',
    )
    .action(async () => {
      const { runDoctor } = await loadEngine()
      const report = await runDoctor(libraryDirFrom(globals(), process.env), process.env)
      if (globals().json) printJson(report)
      else printLines(report.checks.map((check) => `${MARK[check.status]} ${check.title}: ${check.message}`))
      if (!report.ok) process.exitCode = 1
    })

  program
    .command('logs')
    .description("show the library's log (imports, jobs, sync, errors)")
    .option('--level <level>', `lowest level shown: ${LOG_LEVELS.join('|')}`, 'info')
    .option('--lines <n>', 'how many recent entries', parseId, 50)
    .option('--follow', 'keep printing new entries until interrupted')
    .action(async (options: { level: string; lines: number; follow?: boolean }) => {
      const level = (LOG_LEVELS as readonly string[]).includes(options.level)
        ? (options.level as LogLevel)
        : 'info'
      const { Library, followLog, formatEntry, readLogEntries } = await loadEngine()
      const library = await Library.open(libraryDirFrom(globals(), process.env))
      const dir = library.log.dir
      library.close()
      const show = (entries: ReturnType<typeof readLogEntries>) =>
        globals().json
          ? printLines(entries.map((e) => JSON.stringify(e)))
          : printLines(entries.map(formatEntry))
      show(readLogEntries(dir, level, options.lines))
      if (!options.follow) return
      await new Promise<void>((resolve) => {
        const stop = followLog(dir, level, (entry) => show([entry]))
        process.once('SIGINT', () => {
          stop()
          resolve()
        })
      })
    })
}
