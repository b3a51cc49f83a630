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

export function buildProgram(version: string): Command {
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
  registerLibraryCommands(program, globals)
  registerMediaCommands(program, globals)
  registerImageCommands(program, globals)
  registerSystemCommands(program, globals)
  registerStorageCommands(program, globals)
  registerQuarantineCommands(program, globals)
  registerVideoCommands(program, globals)
  registerAudioCommands(program, globals)
  registerPodcastCommands(program, globals)
  registerFeedImportCommand(program, globals)
  registerServerCommands(program, globals)
  registerLibraryBackupCommands(program, globals)
  return program
}
