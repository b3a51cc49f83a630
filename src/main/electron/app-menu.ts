import { app, Menu, type MenuItemConstructorOptions, shell } from 'electron'

/** The native menu: the usual roles and shortcuts, plus "Reveal Log" for troubleshooting. */
export function installAppMenu(logPath: string): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Reveal Log', click: () => shell.showItemInFolder(logPath) },
        { label: 'Open Library Folder', click: () => void shell.openPath(app.getPath('userData')) },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
