import { describe, expect, it } from "vitest"
import { followedView } from "./followView"

describe("followedView", () => {
  const states = new Map<number, Record<string, unknown>>([
    [1, { user: { participantId: "me" }, view: "code" }],
    [2, { user: { participantId: "ada" }, view: "whiteboard" }],
    [3, { user: { participantId: "bob" }, view: "settings" }],
    [4, { user: { participantId: "eve" } }],
  ])
  const views = ["code", "whiteboard"]

  it("finds the followed participant's open view", () => {
    expect(followedView(states, "ada", views)).toBe("whiteboard")
    expect(followedView(states, "me", views)).toBe("code")
  })

  it("ignores a view this page does not have, and a participant without one", () => {
    expect(followedView(states, "bob", views)).toBeNull()
    expect(followedView(states, "eve", views)).toBeNull()
    expect(followedView(states, "nobody", views)).toBeNull()
  })
})
