import { describe, expect, it } from "vitest"
import * as Y from "yjs"
import { UndoStacks } from "./undo"

// Two replicas of one document, kept in sync by exchanging updates, like two browsers.
function pair() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on(
    "update",
    (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(b, u, "remote"),
  )
  b.on(
    "update",
    (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(a, u, "remote"),
  )
  return { a, b, ta: a.getMap<Y.Text>("files"), tb: b.getMap<Y.Text>("files") }
}

describe("UndoStacks", () => {
  it("undoes only this client's edits and redoes them", () => {
    const { a, b, ta, tb } = pair()
    ta.set("main.py", new Y.Text("line1\nline2"))
    const textA = ta.get("main.py")!
    const textB = tb.get("main.py")!
    const hostOrigin = { name: "host binding" }
    const guestOrigin = { name: "guest binding" }
    const hostUndo = new UndoStacks().track(textA, hostOrigin)
    const guestUndo = new UndoStacks().track(textB, guestOrigin)

    a.transact(() => textA.insert(5, "X"), hostOrigin)
    b.transact(() => textB.insert(textB.length, "Y"), guestOrigin)
    expect(textA.toString()).toBe("line1X\nline2Y")

    hostUndo.undo()
    expect(textA.toString()).toBe("line1\nline2Y")
    expect(textB.toString()).toBe("line1\nline2Y")

    guestUndo.undo()
    expect(textB.toString()).toBe("line1\nline2")

    hostUndo.redo()
    guestUndo.redo()
    expect(textA.toString()).toBe("line1X\nline2Y")
    expect(textB.toString()).toBe(textA.toString())
  })

  it("keeps the stack when a file is rebound with a new origin", () => {
    const doc = new Y.Doc()
    const text = doc.getText("t")
    const stacks = new UndoStacks()
    const first = {}
    stacks.track(text, first)
    doc.transact(() => text.insert(0, "one"), first)
    stacks.untrack(text, first)
    const second = {}
    const manager = stacks.track(text, second)
    manager.stopCapturing()
    doc.transact(() => text.insert(3, " two"), second)
    doc.transact(() => text.insert(0, "remote "), "remote")
    manager.undo()
    expect(text.toString()).toBe("remote one")
    manager.undo()
    expect(text.toString()).toBe("remote ")
  })
})
