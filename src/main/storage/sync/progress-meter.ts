/**
 * Files, bytes, rate and ETA of a running transfer (pure: the caller passes the time in ms).
 * The rate is measured over the whole run so far, which is steady enough for an ETA.
 */
export interface TransferProgress {
  filesDone: number
  filesTotal: number
  bytesDone: number
  bytesTotal: number
  /** Bytes per second so far; 0 until something moved. */
  bytesPerSecond: number
  /** Seconds left at the current rate; null while unknown. */
  etaSeconds: number | null
  /** The file that just finished or moved, if any. */
  key?: string
}

export class ProgressMeter {
  private filesDone = 0
  private readonly bytesByFile = new Map<string, number>()
  private bytesDone = 0

  constructor(
    private readonly filesTotal: number,
    private readonly bytesTotal: number,
    private readonly startedMs: number,
  ) {}

  /** Bytes of `key` stored so far (not a delta). */
  bytes(key: string, stored: number, nowMs: number): TransferProgress {
    const before = this.bytesByFile.get(key) ?? 0
    this.bytesByFile.set(key, stored)
    this.bytesDone += stored - before
    return this.snapshot(nowMs, key)
  }

  fileDone(key: string, nowMs: number): TransferProgress {
    this.filesDone++
    return this.snapshot(nowMs, key)
  }

  snapshot(nowMs: number, key?: string): TransferProgress {
    const seconds = Math.max(0.001, (nowMs - this.startedMs) / 1000)
    const rate = this.bytesDone / seconds
    const left = Math.max(0, this.bytesTotal - this.bytesDone)
    return {
      filesDone: this.filesDone,
      filesTotal: this.filesTotal,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      bytesPerSecond: Math.round(rate),
      etaSeconds: rate > 0 ? Math.round(left / rate) : left === 0 ? 0 : null,
      key,
    }
  }
}
