import type { EventMessage } from "@/lib/room-protocol"
import { describe, expect, it } from "vitest"
import { describeEvent } from "./describe"

const names: Record<string, string> = { p1: "Gus" }
const nameOf = (id: string | null | undefined) => (id ? (names[id] ?? "Someone") : "Someone")
const ev = (type: string, data: Record<string, unknown>, actor: string | null = "p1") =>
  ({ type, data, actor_id: actor, seq: 1, ts: 1 }) as EventMessage

describe("describeEvent", () => {
  it("describes integrity signals the way interviewers read them", () => {
    const signal = (data: Record<string, unknown>) =>
      describeEvent(ev("proctor.signal", { participant_id: "p1", name: "Gus", ...data }), nameOf)
    expect(signal({ kind: "paste", chars: 300, external: true })?.text).toBe(
      "Gus: External paste (300 chars)",
    )
    expect(signal({ kind: "tab_hidden" })?.text).toBe("Gus: Left tab")
    expect(signal({ kind: "tab_visible", away_ms: 5200 })?.text).toBe("Gus: Returned after 5 s")
    expect(signal({ kind: "window_blur" })?.kind).toBe("proctor")
  })

  it("describes runs and submissions", () => {
    const run = ev("run.finished", {
      language: "python",
      by: { participant_id: "p1", name: "Gus" },
      result: { status: "time_limit", exit_code: null },
    })
    expect(describeEvent(run, nameOf)?.text).toBe("Gus ran python: time limit exceeded")
    const sub = ev("submission.created", { display_name: "Gus", passed: 7, total: 10, score: 70 })
    expect(describeEvent(sub, nameOf)?.text).toContain("7/10 tests passed")
  })

  it("names people from the participant list when the event has no name", () => {
    expect(describeEvent(ev("presence.left", { participant_id: "p1" }), nameOf)?.text).toBe(
      "Gus disconnected",
    )
    expect(describeEvent(ev("presence.left", {}, null), nameOf)?.text).toBe("Someone disconnected")
  })

  it("skips events the log does not show", () => {
    expect(describeEvent(ev("typing", {}), nameOf)).toBeNull()
  })
})
