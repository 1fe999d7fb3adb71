import type { EventMessage } from "@/lib/room-protocol"
import { describe, expect, it } from "vitest"
import {
  type ConsoleAction,
  KEPT_RUNS,
  RENDER_LIMIT,
  anyRunning,
  clipOutput,
  consoleReducer,
  emptyConsole,
} from "./console"

const event = (type: string, data: Record<string, unknown>, seq = 1): ConsoleAction => ({
  type: "event",
  message: { type, seq, ts: 1, actor_id: null, data } as EventMessage,
})
const ann = { participant_id: "p1", name: "Ann" }
const result = (status: string) => ({
  status,
  stdout: "hi\n",
  stderr: "",
  exit_code: 0,
  time_ms: 10,
  memory_kb: 100,
  stdout_truncated: false,
  stderr_truncated: false,
})

describe("consoleReducer", () => {
  it("shows a run as running from run.started until run.finished", () => {
    let s = consoleReducer(emptyConsole, event("run.started", { language: "python", by: ann }))
    expect(anyRunning(s)).toBe(true)
    expect(s.runs[0]?.by.name).toBe("Ann")
    s = consoleReducer(
      s,
      event("run.finished", { run_id: "r1", language: "python", by: ann, result: result("ok") }, 2),
    )
    expect(anyRunning(s)).toBe(false)
    expect(s.runs).toHaveLength(1)
    expect(s.runs[0]?.result?.stdout).toBe("hi\n")
  })

  it("does not add the same run twice (socket event and HTTP answer)", () => {
    const run = { run_id: "r1", language: "python", by: ann, result: result("ok") }
    let s = consoleReducer(emptyConsole, { type: "finished", run })
    s = consoleReducer(s, event("run.finished", run))
    expect(s.runs).toHaveLength(1)
  })

  it("matches a finish to the same person's run, not another's", () => {
    const bo = { participant_id: "p2", name: "Bo" }
    let s = consoleReducer(emptyConsole, event("run.started", { language: "python", by: ann }))
    s = consoleReducer(s, event("run.started", { language: "python", by: bo }, 2))
    s = consoleReducer(
      s,
      event("run.finished", { run_id: "r2", language: "python", by: bo, result: result("ok") }, 3),
    )
    expect(s.runs.map((r) => [r.by.name, r.result === null])).toEqual([
      ["Ann", true],
      ["Bo", false],
    ])
  })

  it("ends a run that could not start with its error", () => {
    let s = consoleReducer(emptyConsole, event("run.started", { language: "python", by: ann }))
    s = consoleReducer(
      s,
      event("run.finished", { run_id: null, language: "python", by: ann, error: "queue_full" }),
    )
    expect(anyRunning(s)).toBe(false)
    expect(s.runs[0]?.error).toBe("queue_full")
  })

  it("keeps only the last runs", () => {
    let s = emptyConsole
    for (let i = 0; i < KEPT_RUNS + 5; i++) {
      const run = { run_id: `r${i}`, language: "python", by: ann, result: result("ok") }
      s = consoleReducer(s, { type: "finished", run })
    }
    expect(s.runs).toHaveLength(KEPT_RUNS)
    expect(s.runs[0]?.runId).toBe("r5")
  })

  it("ignores hostile or unrelated events", () => {
    const s = consoleReducer(emptyConsole, event("chat.message", { text: "x" }))
    expect(s).toBe(emptyConsole)
    const odd = consoleReducer(emptyConsole, event("run.started", {}))
    expect(odd.runs[0]?.by).toEqual({ participant_id: null, name: null })
  })
})

describe("clipOutput", () => {
  it("keeps short output whole", () => {
    expect(clipOutput("abc")).toEqual({ text: "abc", hidden: 0 })
  })

  it("caps what is rendered and counts the rest", () => {
    const big = "x".repeat(RENDER_LIMIT * 50)
    const clipped = clipOutput(big)
    expect(clipped.text).toHaveLength(RENDER_LIMIT)
    expect(clipped.hidden).toBe(RENDER_LIMIT * 49)
  })

  it("never splits a surrogate pair", () => {
    const text = `${"a".repeat(4)}😀tail`
    const clipped = clipOutput(text, 5)
    expect(clipped.text).toBe("aaaa")
    expect(clipped.hidden).toBe(text.length - 4)
  })
})
