// Debounced autosave: one save in flight at a time, always of the latest text; a failed save
// is retried. Framework-free so that the timing rules are unit-tested (autosave.test.ts).

export type SaveState = "saved" | "pending" | "saving" | "error"

export interface Timers {
  set: (fn: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export class Autosaver<T> {
  private latest: { value: T } | null = null
  private timer: unknown = null
  private inFlight: Promise<void> | null = null
  private state: SaveState = "saved"

  constructor(
    private readonly save: (value: T) => Promise<unknown>,
    private readonly onState: (state: SaveState, error: unknown) => void,
    private readonly delayMs = 800,
    private readonly retryMs = 3000,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** The value changed: save it once typing pauses for `delayMs`. */
  change(value: T): void {
    this.latest = { value }
    this.setState("pending", null)
    this.arm(this.delayMs)
  }

  /** Save what is pending now (leaving the panel, hiding the page). */
  flush(): Promise<void> {
    this.disarm()
    return this.run()
  }

  /** Whether something typed has not reached the server yet. */
  get unsaved(): boolean {
    return this.state !== "saved"
  }

  dispose(): void {
    this.disarm()
  }

  private arm(ms: number): void {
    this.disarm()
    this.timer = this.timers.set(() => {
      this.timer = null
      void this.run()
    }, ms)
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clear(this.timer)
    this.timer = null
  }

  private async run(): Promise<void> {
    // A save already running picks up the newer text when it finishes.
    if (this.inFlight) return this.inFlight
    const next = this.latest
    if (next === null) return
    this.latest = null
    this.setState("saving", null)
    this.inFlight = (async () => {
      try {
        await this.save(next.value)
        if (this.latest === null) this.setState("saved", null)
      } catch (error) {
        // Keep the text that failed unless something newer is waiting, and retry it.
        this.latest ??= next
        this.setState("error", error)
        this.arm(this.retryMs)
      }
    })()
    try {
      await this.inFlight
    } finally {
      this.inFlight = null
    }
    // Typed while saving: save that at once rather than leaving it to a timer that already fired.
    if (this.latest !== null && this.state !== "error") {
      this.disarm()
      await this.run()
    }
  }

  private setState(state: SaveState, error: unknown): void {
    this.state = state
    this.onState(state, error)
  }
}

/** The words shown next to the editor for each state. */
export function saveStateLabel(state: SaveState): string {
  switch (state) {
    case "saved":
      return "Saved"
    case "pending":
      return "Unsaved changes"
    case "saving":
      return "Saving…"
    case "error":
      return "Could not save — retrying"
  }
}
