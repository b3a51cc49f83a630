/** Saves text as a file through the browser's (or Electron's) download, named `name`. */
export function downloadText(text: string, mime: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A title made safe as a file name on every system. */
export function fileStem(title: string): string {
  return title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim() || 'castdesk'
}
