import { describe, expect, it } from "vitest"
import { Autosaver, type SaveState, type Timers, saveStateLabel } from "./autosave"

/** Timers driven by hand: `tick(ms)` fires what is due. */
function manualTimers() {
  let now = 0
  let next = 1
  const due = new Map<number, { at: number; fn: () => void }>()
  const timers: Timers = {
    set: (fn, ms) => {
      const id = next++
      due.set(id, { at: now + ms, fn })
      return id
    },
    clear: (id) => {
      due.delete(id as number)
    },
  }
  const tick = async (ms: number) => {
    now += ms
    for (const [id, t] of [...due]) {
      if (t.at <= now) {
        due.delete(id)
        t.fn()
      }
    }
    await new Promise((r) => setTimeout(r, 0))
  }
  return { timers, tick, pending: () => due.size }
}

function deferred() {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe("Autosaver", () => {
  it("saves once typing pauses, with the latest text", async () => {
    const clock = manualTimers()
    const saved: string[] = []
    const states: SaveState[] = []
    const saver = new Autosaver(
      async (v: string) => {
        saved.push(v)
      },
      (s) => states.push(s),
      800,
      3000,
      clock.timers,
    )
    saver.change("a")
    await clock.tick(500)
    saver.change("ab")
    await clock.tick(500)
    expect(saved).toEqual([])
    expect(saver.unsaved).toBe(true)
    await clock.tick(300)
    expect(saved).toEqual(["ab"])
    expect(states.at(-1)).toBe("saved")
    expect(saver.unsaved).toBe(false)
  })

  it("never runs two saves at once and saves what was typed meanwhile", async () => {
    const clock = manualTimers()
    const calls: { value: string; done: ReturnType<typeof deferred> }[] = []
    const saver = new Autosaver(
      (value: string) => {
        const done = deferred()
        calls.push({ value, done })
        return done.promise
      },
      () => undefined,
      800,
      3000,
      clock.timers,
    )
    saver.change("one")
    const first = saver.flush()
    saver.change("two")
    await clock.tick(800) // the debounce fires while "one" is still saving
    expect(calls.map((c) => c.value)).toEqual(["one"])
    calls[0]!.done.resolve()
    await new Promise((r) => setTimeout(r, 0))
    expect(calls.map((c) => c.value)).toEqual(["one", "two"])
    calls[1]!.done.resolve()
    await first
    expect(saver.unsaved).toBe(false)
  })

  it("retries a failed save and reports the error meanwhile", async () => {
    const clock = manualTimers()
    let fail = true
    const saved: string[] = []
    const states: SaveState[] = []
    const saver = new Autosaver(
      async (v: string) => {
        if (fail) throw new Error("offline")
        saved.push(v)
      },
      (s) => states.push(s),
      800,
      3000,
      clock.timers,
    )
    saver.change("text")
    await clock.tick(800)
    expect(states.at(-1)).toBe("error")
    expect(saveStateLabel("error")).toMatch(/retrying/)
    fail = false
    await clock.tick(3000)
    expect(saved).toEqual(["text"])
    expect(states.at(-1)).toBe("saved")
  })

  it("flush saves at once and dispose cancels the pending timer", async () => {
    const clock = manualTimers()
    const saved: string[] = []
    const saver = new Autosaver(
      async (v: string) => {
        saved.push(v)
      },
      () => undefined,
      800,
      3000,
      clock.timers,
    )
    saver.change("now")
    await saver.flush()
    expect(saved).toEqual(["now"])
    expect(clock.pending()).toBe(0)
    saver.change("later")
    saver.dispose()
    await clock.tick(1000)
    expect(saved).toEqual(["now"])
  })
})
