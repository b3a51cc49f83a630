import { homedir } from 'node:os'
import { join } from 'node:path'

/** The desktop app's data folder (Electron's userData for "Castdesk"), with the library inside. */
export function defaultLibraryDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = env.HOME ?? homedir()
  const appData =
    platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'))
  return join(appData, 'Castdesk', 'library')
}
