import { clipboard, dialog } from 'electron'
import type { RecoveryUi } from '../desktop/catalog-recovery'

/** The first screen when the library cannot be opened: native dialogs over the plain-Node decision. */
export const recoveryDialogs: RecoveryUi = {
  async choose(screen) {
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'Castdesk',
      message: screen.title,
      detail: screen.message,
      buttons: screen.choices.map((choice) => choice.label),
      cancelId: screen.choices.findIndex((choice) => choice.id === 'quit'),
      noLink: true,
    })
    return screen.choices[response]?.id ?? 'quit'
  },
  async showRestore(instructions) {
    const { response } = await dialog.showMessageBox({
      type: 'info',
      title: 'Castdesk',
      message: 'Restore from a backup',
      detail: instructions,
      buttons: ['Copy the command', 'Try again', 'Quit'],
      cancelId: 2,
      noLink: true,
    })
    if (response === 0) clipboard.writeText(instructions.split('\n\n')[1] ?? instructions)
    return response === 2 ? 'quit' : 'retry'
  },
  async newCatalogStarted(lines) {
    await dialog.showMessageBox({
      type: 'info',
      title: 'Castdesk',
      message: 'A new catalog was started',
      detail: lines.join('\n'),
      buttons: ['OK'],
    })
  },
}
