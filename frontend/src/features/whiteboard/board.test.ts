import { describe, expect, it } from "vitest"
import * as Y from "yjs"
import {
  BOARD_KEY,
  BoardEditor,
  MAX_TEXT,
  type ShapeInput,
  boardOf,
  boardPoint,
  readShape,
  readShapes,
} from "./board"
import { boardPointers } from "./pointers"

const RECT: ShapeInput = { kind: "rect", color: "#dc2626", width: 3, points: [100, 100, 300, 200] }
const PEN: ShapeInput = { kind: "pen", color: "#1f2937", width: 3, points: [10, 10, 20, 15] }

/** Two documents that pass every update to each other (what the server does for a room). */
function linkedPair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on("update", (u: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, u, a))
  b.on("update", (u: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, u, b))
  return [a, b]
}

const kinds = (doc: Y.Doc) => readShapes(boardOf(doc)).map((s) => s.kind)

describe("BoardEditor", () => {
  it("adds shapes under the top-level key, with the author and every field", () => {
    const doc = new Y.Doc()
    const me = new BoardEditor(doc, "p-host")
    const id = me.add(RECT)
    const [shape] = readShapes(doc.getArray(BOARD_KEY))
    expect(shape).toEqual({ id, author: "p-host", ...RECT })
  })

  it("appends a stroke's points in batches to one shape", () => {
    const doc = new Y.Doc()
    const me = new BoardEditor(doc, "p1")
    const updates: Uint8Array[] = []
    doc.on("update", (u: Uint8Array) => updates.push(u))
    const stroke = me.begin(PEN)
    stroke.append([30, 20, 40, 25])
    stroke.append([50, 30])
    const shapes = readShapes(boardOf(doc))
    expect(shapes).toHaveLength(1)
    expect(shapes[0]?.points).toEqual([10, 10, 20, 15, 30, 20, 40, 25, 50, 30])
    // A batch is a small update, not the whole stroke again.
    expect(updates[2]!.length).toBeLessThan(40)
  })

  it("erases by id, anyone's shape", () => {
    const [a, b] = linkedPair()
    const host = new BoardEditor(a, "host")
    const guest = new BoardEditor(b, "guest")
    const rect = host.add(RECT)
    guest.add(PEN)
    guest.erase([rect])
    expect(kinds(a)).toEqual(["pen"])
    expect(kinds(b)).toEqual(["pen"])
  })

  it("undoes only its own shapes, one shape per step, and redoes them", () => {
    const [a, b] = linkedPair()
    const host = new BoardEditor(a, "host")
    const guest = new BoardEditor(b, "guest")
    host.add(RECT)
    guest.add(PEN)
    const stroke = host.begin({ ...PEN, color: "#2563eb" })
    stroke.append([60, 60])
    host.undo() // the whole stroke, not its last batch
    expect(readShapes(boardOf(b)).map((s) => s.author)).toEqual(["host", "guest"])
    host.undo()
    expect(kinds(b)).toEqual(["pen"])
    host.undo() // nothing of the host's is left: the guest's pen stays
    expect(kinds(a)).toEqual(["pen"])
    host.redo()
    expect(kinds(b)).toEqual(["rect", "pen"])
    guest.undo()
    expect(kinds(a)).toEqual(["rect"])
  })

  it("undoes one sweep of the eraser at once", () => {
    const doc = new Y.Doc()
    const me = new BoardEditor(doc, "p1")
    const [rect, pen] = [me.add(RECT), me.add(PEN)]
    me.erase([rect])
    me.erase([pen], { sameStep: true })
    expect(kinds(doc)).toEqual([])
    me.undo()
    expect(kinds(doc)).toEqual(["rect", "pen"])
  })

  it("undoes an erase and a clear", () => {
    const doc = new Y.Doc()
    const me = new BoardEditor(doc, "p1")
    const rect = me.add(RECT)
    me.add(PEN)
    me.erase([rect])
    me.undo()
    expect(kinds(doc)).toEqual(["rect", "pen"])
    me.clear()
    expect(kinds(doc)).toEqual([])
    me.undo()
    expect(kinds(doc)).toEqual(["rect", "pen"])
  })

  it("converges when two offline boards exchange their updates", () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    new BoardEditor(a, "a").add(RECT)
    const stroke = new BoardEditor(b, "b").begin(PEN)
    stroke.append([90, 90])
    new BoardEditor(b, "b").add({ ...RECT, kind: "ellipse" })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    expect(readShapes(boardOf(a))).toEqual(readShapes(boardOf(b)))
    expect(kinds(a).sort()).toEqual(["ellipse", "pen", "rect"])
  })

  it("stops a stroke that someone erased while it was drawn", () => {
    const [a, b] = linkedPair()
    const stroke = new BoardEditor(a, "a").begin(PEN)
    new BoardEditor(b, "b").clear()
    stroke.append([70, 70])
    expect(kinds(a)).toEqual([])
  })
})

describe("BoardEditor.change", () => {
  const points = (doc: Y.Doc) => readShapes(boardOf(doc)).map((s) => s.points)

  it("moves a shape for the other party, and one drag undoes at once", () => {
    const [a, b] = linkedPair()
    const host = new BoardEditor(a, "host")
    const guest = new BoardEditor(b, "guest")
    const rect = host.add(RECT)
    guest.change(rect, { points: [110, 100, 310, 200] })
    guest.change(rect, { points: [150, 120, 350, 220] }, { sameStep: true })
    expect(points(a)).toEqual([[150, 120, 350, 220]])
    guest.undo()
    expect(points(a)).toEqual([[100, 100, 300, 200]])
    guest.redo()
    expect(points(b)).toEqual([[150, 120, 350, 220]])
    // The host's undo takes back the host's drawing, not the guest's move of it.
    host.undo()
    expect(kinds(b)).toEqual([])
  })

  it("keeps one of two concurrent moves whole, never a mix of both", () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const rect = new BoardEditor(a, "a").add(RECT)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    new BoardEditor(a, "a").change(rect, { points: [0, 0, 200, 100] })
    new BoardEditor(b, "b").change(rect, { points: [500, 500, 700, 600] })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    expect(points(a)).toEqual(points(b))
    expect([
      [0, 0, 200, 100],
      [500, 500, 700, 600],
    ]).toContainEqual(points(a)[0])
  })

  it("relabels and recolours a text label, and ignores a shape already erased", () => {
    const [a, b] = linkedPair()
    const me = new BoardEditor(a, "me")
    const label = me.add({ kind: "text", color: "#1f2937", width: 3, points: [40, 50], text: "hi" })
    me.change(label, { text: "hello", color: "#dc2626" })
    expect(readShapes(boardOf(b))).toEqual([
      {
        id: label,
        author: "me",
        kind: "text",
        color: "#dc2626",
        width: 3,
        points: [40, 50],
        text: "hello",
      },
    ])
    new BoardEditor(b, "other").erase([label])
    me.change(label, { text: "gone" })
    expect(kinds(a)).toEqual([])
  })
})

describe("readShape", () => {
  it("skips malformed records and cleans fields", () => {
    const doc = new Y.Doc()
    const board = boardOf(doc)
    const bad = new Y.Map<unknown>()
    bad.set("id", "x")
    bad.set("kind", "script")
    const odd = new Y.Map<unknown>()
    const points = new Y.Array<unknown>()
    points.push([1, 2, "3", 4, 5])
    odd.set("id", "y")
    odd.set("kind", "line")
    odd.set("color", "red;}")
    odd.set("width", 1e9)
    odd.set("points", points)
    board.push([bad, odd])
    expect(readShape(board.get(0))).toBeNull()
    expect(readShape(board.get(1))).toEqual({
      id: "y",
      kind: "line",
      color: "#1f2937",
      width: 3,
      author: "",
      points: [1, 2, 4, 5],
    })
  })

  it("reads a label's text, capped, and skips a text shape without any", () => {
    const doc = new Y.Doc()
    const board = boardOf(doc)
    const label = (text: unknown) => {
      const record = new Y.Map<unknown>()
      record.set("id", `t${board.length}`)
      record.set("kind", "text")
      record.set("text", text)
      record.set("points", Y.Array.from([5, 6]))
      return record
    }
    board.push([label("x".repeat(500)), label("  "), label(42)])
    const shapes = readShapes(board)
    expect(shapes).toHaveLength(1)
    expect(shapes[0]?.text).toHaveLength(MAX_TEXT)
    // Only text shapes carry a text.
    const line = new BoardEditor(doc, "me").add({ ...RECT, kind: "line" })
    expect(readShapes(board).find((s) => s.id === line)).not.toHaveProperty("text")
  })
})

describe("boardPoint", () => {
  it("clamps and rounds board points", () => {
    expect(boardPoint(-5, 10.6)).toEqual([0, 11])
    expect(boardPoint(5000, 2000)).toEqual([1600, 1000])
  })
})

describe("boardPointers", () => {
  it("lists other participants' pointers with their name and colour", () => {
    const states = new Map<number, Record<string, unknown>>([
      [
        1,
        { user: { name: "Me", color: "#111111", participantId: "me" }, whiteboard: { x: 1, y: 1 } },
      ],
      [
        2,
        {
          user: { name: "Ada", color: "#2563EB", participantId: "ada" },
          whiteboard: { x: 5, y: 6 },
        },
      ],
      [3, { user: { name: "Bob", color: "#00ff00", participantId: "bob" }, whiteboard: null }],
      [
        4,
        {
          user: { name: "Eve", color: "#00ff00", participantId: "eve" },
          whiteboard: { x: -1, y: 2 },
        },
      ],
      [
        5,
        {
          user: { name: "Me too", color: "#111111", participantId: "me" },
          whiteboard: { x: 1, y: 1 },
        },
      ],
    ])
    expect(boardPointers(states, 1, "me")).toEqual([
      { clientId: 2, name: "Ada", color: "#2563eb", x: 5, y: 6, draft: null },
    ])
  })
})

describe("boardPointers drafts", () => {
  const user = { name: "Ada", color: "#2563eb", participantId: "ada" }

  it("shows the shape someone is dragging out, and drops a malformed one", () => {
    const draft = { kind: "rect", color: "#dc2626", width: 3, points: [1, 2, 30, 40] }
    const states = new Map<number, Record<string, unknown>>([
      [2, { user, whiteboard: { x: 30, y: 40, draft } }],
      [
        3,
        {
          user: { ...user, participantId: "bob" },
          whiteboard: { x: 1, y: 1, draft: { kind: "script", points: [1, 2] } },
        },
      ],
    ])
    const [ada, bob] = boardPointers(states, 1, "me")
    expect(ada?.draft).toEqual({ ...draft, id: "draft-2", author: "" })
    expect(bob?.draft).toBeNull()
  })
})
