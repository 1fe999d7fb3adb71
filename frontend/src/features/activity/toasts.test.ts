import type { EventMessage } from "@/lib/room-protocol"
import { describe, expect, it } from "vitest"
import { toastText } from "./components/RoomToasts"

const ev = (type: string, data: Record<string, unknown>) =>
  ({ type, data, seq: 1, ts: 1, actor_id: null }) as EventMessage

describe("toastText", () => {
  it("announces others' joins, runs and submissions", () => {
    expect(
      toastText(ev("participant.joined", { participant: { id: "p2", display_name: "Bo" } }), "me"),
    ).toBe("Bo joined")
    expect(toastText(ev("run.started", { by: { participant_id: "p2", name: "Bo" } }), "me")).toBe(
      "Bo is running the code",
    )
    expect(
      toastText(ev("submission.notice", { participant_id: "p2", display_name: "Bo" }), "me"),
    ).toBe("Bo submitted")
  })

  it("names a new problem, and says nothing when it is removed", () => {
    expect(toastText(ev("problem.changed", { title: "Two Sum" }), "me")).toBe("Problem: Two Sum")
    expect(toastText(ev("problem.changed", { title: null }), "me")).toBeNull()
  })

  it("stays quiet about one's own actions and other events", () => {
    expect(toastText(ev("run.started", { by: { participant_id: "me" } }), "me")).toBeNull()
    expect(toastText(ev("participant.joined", { participant: { id: "me" } }), "me")).toBeNull()
    expect(toastText(ev("chat.message", { text: "hi" }), "me")).toBeNull()
  })
})
