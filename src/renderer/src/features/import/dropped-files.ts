/** The parts of the File and Directory Entries API a drop walk needs (Chromium and Electron have them). */
export interface DroppedEntry {
  isFile: boolean
  isDirectory: boolean
  name: string
  file?: (ok: (file: File) => void, fail: (error: unknown) => void) => void
  createReader?: () => {
    readEntries: (ok: (entries: DroppedEntry[]) => void, fail: (error: unknown) => void) => void
  }
}

/** What a drop event's DataTransfer offers (typed here so the module also builds without the DOM). */
export interface DropTransfer {
  items: ArrayLike<{ kind: string; webkitGetAsEntry?: () => unknown }>
  files: ArrayLike<File>
}

/** Hidden files and the OS's folder litter are not media. */
const SKIP = /^(\..*|Thumbs\.db|desktop\.ini)$/i

/** A Castdesk library folder (its catalog and settings side by side): never imported. */
function isCastdeskLibrary(children: readonly DroppedEntry[]): boolean {
  const names = new Set(children.filter((c) => c.isFile).map((c) => c.name))
  return names.has('castdesk.config.json') && names.has('library.sqlite')
}

/**
 * Every file under the dropped entries, folders walked to any depth (a reader returns at most
 * about a hundred entries per call, so it is read until empty); a Castdesk library met on the way
 * is skipped whole. `limit` stops a runaway walk.
 */
export async function filesOfEntries(entries: readonly DroppedEntry[], limit = 50_000): Promise<File[]> {
  const files: File[] = []
  const walk = async (entry: DroppedEntry): Promise<void> => {
    if (files.length >= limit || SKIP.test(entry.name)) return
    if (entry.isFile && entry.file) {
      const read = entry.file
      files.push(await new Promise<File>((ok, fail) => read.call(entry, ok, fail)))
    } else if (entry.isDirectory && entry.createReader) {
      const reader = entry.createReader()
      const children: DroppedEntry[] = []
      for (;;) {
        const batch = await new Promise<DroppedEntry[]>((ok, fail) => reader.readEntries(ok, fail))
        if (batch.length === 0) break
        children.push(...batch)
      }
      if (isCastdeskLibrary(children)) return
      for (const child of children) await walk(child)
    }
  }
  for (const entry of entries) await walk(entry)
  return files
}

/**
 * The files of a drop: folders expanded when the platform offers entries (read during the event,
 * as the entries vanish after it), else the plain file list.
 */
export function droppedFiles(transfer: DropTransfer): Promise<File[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() as DroppedEntry | null | undefined)
  if (entries.length === 0 || entries.some((e) => !e)) return Promise.resolve(Array.from(transfer.files))
  if (entries.every((e) => e?.isFile)) return Promise.resolve(Array.from(transfer.files))
  return filesOfEntries(entries as DroppedEntry[])
}
