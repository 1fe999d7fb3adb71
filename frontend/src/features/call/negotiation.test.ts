import { describe, expect, it } from "vitest"
import { decide, linkRole, newSession, phaseOf, reconcile } from "./negotiation"

describe("linkRole", () => {
  it("makes exactly one side of every pair the offerer", () => {
    expect(linkRole("a", "b")).toBe("offerer")
    expect(linkRole("b", "a")).toBe("answerer")
  })
})

describe("decide", () => {
  it("answers offers only as the answerer, rebuilding for a new session", () => {
    expect(decide("answerer", null, { kind: "offer", session: "s1" })).toEqual({
      action: "answer",
      fresh: true,
    })
    expect(decide("answerer", "s1", { kind: "offer", session: "s1" })).toEqual({
      action: "answer",
      fresh: false,
    })
    expect(decide("answerer", "s1", { kind: "offer", session: "s2" })).toEqual({
      action: "answer",
      fresh: true,
    })
    expect(decide("offerer", "s1", { kind: "offer", session: "s9" }).action).toBe("ignore")
    expect(decide("answerer", null, { kind: "offer" }).action).toBe("ignore")
  })

  it("takes answers and candidates of the current session only", () => {
    expect(decide("offerer", "s1", { kind: "answer", session: "s1" }).action).toBe("accept-answer")
    expect(decide("offerer", "s2", { kind: "answer", session: "s1" }).action).toBe("ignore")
    expect(decide("answerer", "s1", { kind: "answer", session: "s1" }).action).toBe("ignore")
    expect(decide("answerer", "s1", { kind: "ice", session: "s1" }).action).toBe("add-candidate")
    expect(decide("offerer", "s2", { kind: "ice", session: "s1" }).action).toBe("ignore")
    expect(decide("offerer", undefined, { kind: "ice", session: "s1" }).action).toBe("ignore")
  })

  it("restarts on a hangup, except one of an older session (two retries crossing)", () => {
    expect(decide("offerer", "s1", { kind: "hangup", session: "s1" }).action).toBe("restart")
    expect(decide("answerer", null, { kind: "hangup", session: "s1" }).action).toBe("restart")
    expect(decide("offerer", undefined, { kind: "hangup" }).action).toBe("restart")
    expect(decide("offerer", "s2", { kind: "hangup", session: "s1" }).action).toBe("ignore")
  })
})

describe("phaseOf", () => {
  it("maps the browser's states to what the tile shows", () => {
    expect(phaseOf("new", "new", false)).toBe("connecting")
    expect(phaseOf("checking", "connecting", false)).toBe("connecting")
    expect(phaseOf("connected", "connecting", false)).toBe("connected")
    expect(phaseOf("completed", "connected", true)).toBe("connected")
    expect(phaseOf("disconnected", "disconnected", true)).toBe("reconnecting")
    expect(phaseOf("disconnected", "connecting", false)).toBe("connecting")
    expect(phaseOf("failed", "failed", true)).toBe("failed")
    expect(phaseOf("checking", "failed", false)).toBe("failed")
  })
})

describe("reconcile", () => {
  it("opens the missing links and closes the extra ones", () => {
    expect(reconcile(["a 1", "b 2"], ["b 2", "c 3"])).toEqual({ open: ["a 1"], close: ["c 3"] })
    // Same person, new connection (they reconnected): rebuilt.
    expect(reconcile(["a 2"], ["a 1"])).toEqual({ open: ["a 2"], close: ["a 1"] })
    expect(reconcile([], [])).toEqual({ open: [], close: [] })
  })
})

describe("newSession", () => {
  it("is URL-safe, short and fresh each time", () => {
    const a = newSession()
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(newSession()).not.toBe(a)
  })
})
