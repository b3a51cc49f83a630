import { Command } from 'commander'
import type { GlobalOptions } from './cli-context'
import { registerAudioCommands } from './commands/audio.commands'
import { registerFeedImportCommand } from './commands/feed-import.commands'
import { registerImageCommands } from './commands/images.commands'
import { registerLibraryCommands } from './commands/library.commands'
import { registerLibraryBackupCommands } from './commands/library-backup.commands'
import { registerMediaCommands } from './commands/media.commands'
import { registerPodcastCommands } from './commands/podcast.commands'
import { registerQuarantineCommands } from './commands/quarantine.commands'
import { registerServerCommands } from './commands/server.commands'
import { registerStorageCommands } from './commands/storage.commands'
import { registerSystemCommands } from './commands/system.commands'
import { registerVideoCommands } from './commands/video.commands'

type Register = (program: Command, globals: () => GlobalOptions) => void

/**
 * Every command group in the order `--help` lists them, with the top-level commands each adds or
 * extends (`podcast import` extends `podcast`, `users token` extends `users`). A test checks the
 * names against what the groups register.
 */
export const COMMAND_GROUPS: readonly { register: Register; commands: readonly string[] }[] = [
  { register: registerLibraryCommands, commands: ['init', 'users', 'verify', 'jobs'] },
  { register: registerMediaCommands, commands: ['import', 'list', 'show', 'delete'] },
  {
    register: registerImageCommands,
    commands: ['image', 'gallery', 'sync_renditions'],
  },
  { register: registerSystemCommands, commands: ['doctor', 'logs'] },
  {
    register: registerStorageCommands,
    commands: ['storages', 'sync', 'media_backup', 'media_restore', 'media_stale', 'media_sizes', 'trash'],
  },
  { register: registerQuarantineCommands, commands: ['quarantine'] },
  { register: registerVideoCommands, commands: ['video', 'recalc_video_posters'] },
  { register: registerAudioCommands, commands: ['audio'] },
  { register: registerPodcastCommands, commands: ['podcast', 'episode', 'publish'] },
  { register: registerFeedImportCommand, commands: ['podcast'] },
  { register: registerServerCommands, commands: ['serve', 'search', 'users'] },
  { register: registerLibraryBackupCommands, commands: ['library'] },
]

/** Global options that take a value (`--library DIR`): their value is not the command's name. */
const VALUED_GLOBALS = new Set(['--library', '--user'])

/**
 * The command `argv` runs, when it names one of ours; undefined for `--help`, `help`, a bare
 * `castdesk` or an unknown name, which get the whole program (lists, suggestions).
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let at = 2; at < argv.length; at++) {
    const arg = argv[at]
    if (arg === '--') return undefined
    if (VALUED_GLOBALS.has(arg)) at++
    else if (!arg.startsWith('-')) return arg
  }
  return undefined
}

/**
 * The CLI. Given the command line, only the groups of the command it runs are registered: a
 * one-shot command does not build the other ~60 commands' options (a few ms of every run).
 */
export function buildProgram(version: string, argv?: readonly string[]): Command {
  const program = new Command('castdesk')
    .description('Castdesk: the podcaster’s media library (images, audio, video, files).')
    .version(version)
    .option(
      '--library <dir>',
      'library folder (default: $CASTDESK_LIBRARY, else the desktop app’s data folder)',
    )
    .option('--user <name>', 'acting user (default: $CASTDESK_USER, else your OS user); created on first use')
    .option('--json', 'machine-readable output')
    .showHelpAfterError()
    .exitOverride()
  const globals = () => program.opts<GlobalOptions>()
  const named = argv && commandNamed(argv)
  const only = COMMAND_GROUPS.filter((group) => named !== undefined && group.commands.includes(named))
  const asked = (...flags: string[]) => argv?.some((arg) => flags.includes(arg)) ?? false
  const versionOnly = named === undefined && asked('--version', '-V') && !asked('--help', '-h')
  if (!versionOnly) for (const group of only.length ? only : COMMAND_GROUPS) group.register(program, globals)
  return program
}
