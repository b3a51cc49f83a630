/**
 * Runs encodes `slots` at a time, in the order they were queued, with a memory budget: the summed
 * weight (an estimate of an encoder's memory) of the encodes running stays within `budget`. When
 * the next encode would go over it, a later one that fits runs first, so a slot is not left idle;
 * an encode heavier than the whole budget runs alone. Weightless encodes only count against slots.
 */
export class EncodeQueue {
  private readonly waiting: { weight: number; start: () => void }[] = []
  private running = 0
  private runningWeight = 0

  constructor(
    private readonly slots: number,
    private readonly budget: number,
  ) {}

  run<T>(weight: number, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++
        this.runningWeight += weight
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running--
            this.runningWeight -= weight
            this.next()
          })
      }
      this.waiting.push({ weight, start })
      this.next()
    })
  }

  private next(): void {
    while (this.running < this.slots) {
      const index = this.waiting.findIndex(({ weight }) => this.fits(weight))
      if (index < 0) return
      const [entry] = this.waiting.splice(index, 1)
      entry?.start()
    }
  }

  private fits(weight: number): boolean {
    return weight === 0 || this.runningWeight === 0 || this.runningWeight + weight <= this.budget
  }
}
