// The replay's document at any position: updates are applied to one Y.Doc as the position
// moves forward; moving back restarts from the nearest kept state (one every KEEP_EVERY
// updates), so scrubbing stays smooth on long rooms. Pure apart from Yjs; tested in
// player.test.ts.
import * as Y from "yjs"

const KEEP_EVERY = 200

export function decodeBase64(data: string): Uint8Array {
  const raw = atob(data)
  const bytes = new Uint8Array(raw.length)
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i)
  return bytes
}

export class ReplayDoc {
  private current = new Y.Doc()
  private applied = 0
  private readonly kept = new Map<number, Uint8Array>([[0, Y.encodeStateAsUpdate(new Y.Doc())]])

  constructor(private readonly updates: readonly Uint8Array[]) {}

  get length(): number {
    return this.updates.length
  }

  /** Move to the state after the first `count` updates. */
  seek(count: number): void {
    const target = Math.max(0, Math.min(count, this.updates.length))
    if (target < this.applied) this.restart(target)
    for (; this.applied < target; this.applied++) {
      Y.applyUpdate(this.current, this.updates[this.applied]!)
      if ((this.applied + 1) % KEEP_EVERY === 0 && !this.kept.has(this.applied + 1)) {
        this.kept.set(this.applied + 1, Y.encodeStateAsUpdate(this.current))
      }
    }
  }

  private restart(target: number): void {
    const from = Math.floor(target / KEEP_EVERY) * KEEP_EVERY
    const base = this.kept.get(from) ?? this.kept.get(0)!
    this.current.destroy()
    this.current = new Y.Doc()
    Y.applyUpdate(this.current, base)
    this.applied = this.kept.has(from) ? from : 0
  }

  /** Every file's text at the current position. */
  files(): Record<string, string> {
    const out: Record<string, string> = {}
    this.current.getMap("files").forEach((value, path) => {
      if (value instanceof Y.Text) out[path] = value.toString()
    })
    return out
  }

  /** The document at the current position (replaced when seeking backwards: read, don't keep). */
  get doc(): Y.Doc {
    return this.current
  }

  /** The current document encoded as one update (compare with the server's). */
  encode(): Uint8Array {
    return Y.encodeStateAsUpdate(this.current)
  }

  destroy(): void {
    this.current.destroy()
  }
}

/** How many of the (time-sorted) `times` are at or before `t`. */
export function countAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (times[mid]! <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The next playback time: `t` moved by `elapsedMs` × `speed`; with `skipIdleMs`, a wait for
 * the next edit longer than that is jumped over (playback lands just before the edit).
 */
export function advance(
  times: readonly number[],
  t: number,
  elapsedMs: number,
  speed: number,
  skipIdleMs: number | null,
): number {
  const next = t + elapsedMs * speed
  if (skipIdleMs === null) return next
  const upcoming = times[countAtOrBefore(times, t)]
  if (upcoming !== undefined && upcoming - t > skipIdleMs) return Math.max(next, upcoming - 250)
  return next
}

/**
 * Update times in log order, never decreasing: the log's order is the truth, and a clock
 * step back (or updates from several servers) must not make the binary search lie.
 */
export function monotonicTimes(isoTimes: readonly string[]): number[] {
  let last = Number.NEGATIVE_INFINITY
  return isoTimes.map((ts) => {
    last = Math.max(last, Date.parse(ts))
    return last
  })
}
