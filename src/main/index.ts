import { userInfo } from 'node:os'
import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import { createDispatcher } from './api/dispatch'
import { createHandlers } from './api/handlers'
import { actingUser } from './api/users.handlers'
import { openDesktopLibrary } from './desktop/catalog-recovery'
import { electronSqliteBinding } from './desktop/sqlite-binding'
import { windowStateFile } from './desktop/window-state-file'
import { installAppMenu } from './electron/app-menu'
import { registerDesktopIpc } from './electron/desktop-ipc'
import { registerIpcBridge } from './electron/ipc-bridge'
import { keychainCheck, keychainCredentials } from './electron/keychain'
import { createMainWindow } from './electron/main-window'
import { handleMediaScheme, registerMediaScheme } from './electron/media-protocol'
import { recoveryDialogs } from './electron/recovery-dialog'
import { backupServiceFor } from './library-backup/backup-service-for'
import { startDailySnapshots } from './library-backup/daily-snapshots'
import { credentialsFromEnv } from './storage/s3-credentials'

// Electron entry: wiring only. The engine is the same code the CLI and tests run under Node.
if (!app.requestSingleInstanceLock()) app.quit()
registerMediaScheme()

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows()
  if (window) {
    if (window.isMinimized()) window.restore()
    window.focus()
  }
})

app.whenReady().then(async () => {
  // A refused catalog (missing, damaged, another library's) becomes a choice, never an empty library.
  const library = await openDesktopLibrary(
    join(app.getPath('userData'), 'library'),
    {
      s3Credentials: keychainCredentials(credentialsFromEnv(process.env)),
      keychainCheck: keychainCheck(),
      sqliteBinding: electronSqliteBinding({
        isPackaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        appPath: app.getAppPath(),
      }),
    },
    recoveryDialogs,
  )
  if (!library) return app.quit()
  installAppMenu(library.log.path)
  const user = actingUser(library, userInfo().username)
  const rendererUrl = process.env.ELECTRON_RENDERER_URL
  const call = createDispatcher(createHandlers(library))
  const appOrigin = rendererUrl ? new URL(rendererUrl).origin : 'file://'
  registerIpcBridge(call, () => ({ user }), appOrigin)
  registerDesktopIpc(call, () => ({ user }), appOrigin, library.log)
  handleMediaScheme(call, () => ({ user }), library)
  library.jobs.start()
  if (library.config.libraryBackup.automatic)
    startDailySnapshots(backupServiceFor(library), {
      onError: (error) => library.log.warn('library.backup_daily_failed', { ...error }),
    })
  createMainWindow(rendererUrl, windowStateFile(app.getPath('userData')))
  let stopping = false
  app.on('before-quit', (event) => {
    if (stopping) return
    // Let running jobs finish (and record their end) before the process goes.
    event.preventDefault()
    stopping = true
    void library.jobs
      .stop()
      .finally(() => library.close())
      .finally(() => app.quit())
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
