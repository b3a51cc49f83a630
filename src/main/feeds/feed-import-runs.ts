import { CastdeskError } from '../../shared/errors'

/**
 * The feed imports running in this process, one per user: each has an AbortController that
 * `podcast.cancelImport` (the app's Cancel) triggers. A second import of the same user while one
 * runs is refused, so two runs never fetch the same episodes.
 */
export class FeedImportRuns {
  private readonly running = new Map<number, AbortController>()

  /** Registers a run; `finish` must be called when it ends. */
  start(ownerId: number): { signal: AbortSignal; finish: () => void } {
    if (this.running.has(ownerId)) {
      throw new CastdeskError(
        'invalid_input',
        'An import of your podcast is running already; wait for it to finish or cancel it.',
      )
    }
    const controller = new AbortController()
    this.running.set(ownerId, controller)
    return {
      signal: controller.signal,
      finish: () => {
        if (this.running.get(ownerId) === controller) this.running.delete(ownerId)
      },
    }
  }

  /** Stops the user's running import; false when none runs. */
  cancel(ownerId: number): boolean {
    const controller = this.running.get(ownerId)
    controller?.abort()
    return controller !== undefined
  }
}
