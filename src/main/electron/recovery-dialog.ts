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
  async chooseRestore(offers, instructions, unreadable) {
    const restoreButtons = offers.map(
      (offer) => `Restore the snapshot of ${new Date(offer.time).toLocaleString()} (${offer.storage})`,
    )
    const buttons = [...restoreButtons, 'Copy the command', 'Try again', 'Quit']
    const detail = offers.length
      ? 'Castdesk repairs the catalog from the snapshot you choose: the refused file is kept beside it, and your media files are checked and kept.'
      : instructions
    for (;;) {
      const { response } = await dialog.showMessageBox({
        type: 'info',
        title: 'Castdesk',
        message: 'Restore from a backup',
        detail: unreadable.length ? `${detail}\n\nNot readable now:\n${unreadable.join('\n')}` : detail,
        buttons,
        cancelId: buttons.length - 1,
        noLink: true,
      })
      const offer = offers[response]
      if (offer) return offer
      const label = buttons[response]
      if (label === 'Quit') return 'quit'
      if (label === 'Try again') return 'retry'
      clipboard.writeText(instructions.split('\n\n')[1] ?? instructions)
    }
  },
  async restoreDone(lines, failed) {
    await dialog.showMessageBox({
      type: failed ? 'error' : 'info',
      title: 'Castdesk',
      message: failed ? 'The restore did not finish' : 'The catalog was restored',
      detail: lines.join('\n'),
      buttons: ['OK'],
    })
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
