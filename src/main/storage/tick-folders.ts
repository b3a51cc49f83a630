import { lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** What a listing has learnt of one folder. */
export interface FolderFacts {
  real: string | null
  asked: number
  /** The names of the links in the folder, once it was read whole. */
  links: Set<string> | null
}

/** After this many files asked about in one folder, one read of the folder answers the rest. */
const READ_WHOLE_AFTER = 16

/**
 * Facts about folders kept for one synchronous run (cleared on the next turn of the event loop),
 * so that a listing of 10,000 files costs one realpath and one read per folder instead of a
 * realpath (or lstat) per file. Nothing is kept across runs: the next listing sees a folder that
 * was swapped for a link meanwhile.
 */
export class TickFolders {
  private facts: Map<string, FolderFacts> | null = null

  constructor(private readonly realLocation: (path: string) => string | null) {}

  /** The folder's facts; `real` is its real location (null for a link loop). */
  of(folder: string): FolderFacts {
    return this.factsOf(folder)
  }

  /** Whether `name` in `folder` (whose facts are `facts`) is a symlink (false when it is missing). */
  isLink(folder: string, name: string, facts: FolderFacts = this.factsOf(folder)): boolean {
    facts.asked++
    if (facts.links === null && facts.asked > READ_WHOLE_AFTER) facts.links = linksIn(folder)
    if (facts.links) return facts.links.has(name)
    return lstatSync(join(folder, name), { throwIfNoEntry: false })?.isSymbolicLink() ?? false
  }

  private factsOf(folder: string): FolderFacts {
    if (!this.facts) {
      this.facts = new Map()
      setImmediate(() => {
        this.facts = null
      })
    }
    let facts = this.facts.get(folder)
    if (!facts) {
      facts = { real: this.realLocation(folder), asked: 0, links: null }
      this.facts.set(folder, facts)
    }
    return facts
  }
}

/** The names of the links in a folder; null when it cannot be read (each file is then lstat'ed). */
function linksIn(folder: string): Set<string> | null {
  try {
    const links = new Set<string>()
    for (const entry of readdirSync(folder, { withFileTypes: true }))
      if (entry.isSymbolicLink()) links.add(entry.name)
    return links
  } catch {
    return null
  }
}
