import { describe, expect, it } from "vitest"
import type { Shape, ShapeKind } from "./board"
import { arrowHead, bounds, handleAt, handles, hits, pick, resize, translate } from "./geometry"

const shape = (kind: ShapeKind, points: number[], extra: Partial<Shape> = {}): Shape => ({
  id: `${kind}-${points.join(",")}`,
  kind,
  color: "#1f2937",
  width: 3,
  author: "",
  points,
  ...extra,
})

const RECT = shape("rect", [100, 100, 300, 200])
const LABEL = shape("text", [400, 400], { text: "hello" })

describe("hits", () => {
  it("hits a rectangle's outline, not its empty middle", () => {
    expect(hits(RECT, 200, 102, 4)).toBe(true)
    expect(hits(RECT, 200, 150, 4)).toBe(false)
    const ellipse = { ...RECT, kind: "ellipse" as const }
    expect(hits(ellipse, 300, 150, 4)).toBe(true)
    expect(hits(ellipse, 200, 150, 4)).toBe(false)
  })

  it("hits a text label anywhere in its box, growing with its length", () => {
    const box = bounds(LABEL)
    expect(hits(LABEL, box.x2 - 2, box.y2 - 2, 0)).toBe(true)
    expect(hits(LABEL, box.x2 + 20, 410, 4)).toBe(false)
    const longer = bounds({ ...LABEL, text: "hello, world" })
    expect(longer.x2).toBeGreaterThan(box.x2)
  })
})

describe("pick", () => {
  const frame = shape("rect", [0, 0, 1000, 800])
  const dot = shape("ellipse", [480, 380, 520, 420])
  const line = shape("line", [100, 700, 900, 700])

  it("prefers the topmost line hit, then the innermost area", () => {
    // The dot is under the frame in drawing order, yet inside it: clicking it picks it.
    expect(pick([dot, frame, line], 500, 400, 8)?.id).toBe(dot.id)
    expect(pick([dot, frame, line], 300, 300, 8)?.id).toBe(frame.id)
    expect(pick([dot, frame, line], 500, 702, 8)?.id).toBe(line.id)
    expect(pick([dot, line], 1200, 900, 8)).toBeNull()
  })

  it("picks the later of two overlapping shapes", () => {
    const over = shape("rect", [100, 100, 300, 200], { id: "over" })
    expect(pick([RECT, over], 100, 150, 8)?.id).toBe("over")
  })
})

describe("translate", () => {
  it("moves every point by the same amount", () => {
    const pen = shape("pen", [10, 10, 20, 30, 40, 20])
    expect(translate(pen, 5.4, 100)).toEqual([15, 110, 25, 130, 45, 120])
  })

  it("stops at the board's edges, keeping the shape's size", () => {
    expect(translate(RECT, -500, 2000)).toEqual([0, 900, 200, 1000])
    expect(translate(RECT, 5000, 0)).toEqual([1400, 100, 1600, 200])
  })
})

describe("resize", () => {
  it("gives lines and arrows a handle on each end, moving that end alone", () => {
    const arrow = shape("arrow", [100, 100, 300, 300])
    expect(handles(arrow).map((h) => h.handle)).toEqual(["start", "end"])
    expect(resize(arrow, "end", 400, 120)).toEqual([100, 100, 400, 120])
    expect(resize(arrow, "start", 0, 0)).toEqual([0, 0, 300, 300])
  })

  it("scales from the opposite corner", () => {
    // Dragging the south-east corner: the north-west one stays.
    expect(resize(RECT, "se", 500, 400)).toEqual([100, 100, 500, 400])
    expect(resize(RECT, "nw", 200, 150)).toEqual([200, 150, 300, 200])
    // Corners given in any order (drawn right to left) scale the same.
    expect(resize(shape("rect", [300, 200, 100, 100]), "ne", 400, 50)).toEqual([400, 200, 100, 50])
  })

  it("scales a freehand stroke's every point, and keeps a flat stroke flat", () => {
    const pen = shape("pen", [0, 0, 50, 100, 100, 0])
    expect(resize(pen, "se", 200, 50)).toEqual([0, 0, 100, 50, 200, 0])
    const flat = shape("pen", [100, 50, 200, 50])
    expect(resize(flat, "se", 400, 300)).toEqual([100, 50, 400, 50])
  })

  it("finds the handle under the pointer; labels have none", () => {
    expect(handleAt(RECT, 305, 195, 14)).toMatchObject({ handle: "se", x: 300, y: 200 })
    expect(handleAt(RECT, 200, 150, 14)).toBeNull()
    expect(handles(LABEL)).toEqual([])
  })
})

describe("arrowHead", () => {
  it("draws an arrow head at the end point", () => {
    const head = arrowHead([0, 0, 100, 0], 10)
    expect(head.slice(2, 4)).toEqual([100, 0])
    expect(head[0]).toBeLessThan(100)
  })
})
