// The whiteboard's shapes, kept in the room's Y.Doc next to the files: the top-level Y.Array
// "whiteboard" holds one Y.Map per shape, in drawing order (the last one is on top). Sync,
// offline merge, the update log and replay come with the document. Pure apart from Yjs;
// tested in board.test.ts.
//
// A shape record (if you add a field, update readShape and docs/protocol.md):
//   id      string, unique (random)
//   kind    "pen" | "line" | "arrow" | "rect" | "ellipse"
//   color   "#rrggbb"
//   width   stroke width in board units
//   author  participant id of whoever drew it
//   points  Y.Array<number>: x, y pairs in board coordinates (pen: the stroke, appended in
//           batches while it is drawn; the other kinds: two corners / two ends)
import * as Y from "yjs"

export const BOARD_KEY = "whiteboard"
/** Board coordinates are independent of the panel's size: every client draws on 1600 × 1000. */
export const BOARD_WIDTH = 1600
export const BOARD_HEIGHT = 1000

export type ShapeKind = "pen" | "line" | "arrow" | "rect" | "ellipse"
const KINDS = new Set<string>(["pen", "line", "arrow", "rect", "ellipse"])
const HEX_COLOR = /^#[0-9a-f]{6}$/

export interface Shape {
  id: string
  kind: ShapeKind
  color: string
  width: number
  author: string
  /** Flat x, y pairs in board coordinates. */
  points: number[]
}

export type ShapeInput = Omit<Shape, "id" | "author">

export function boardOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(BOARD_KEY)
}

/** Board coordinates are whole units, kept inside the board (small updates, no stray values). */
export function boardPoint(x: number, y: number): [number, number] {
  const clamp = (v: number, max: number) => Math.round(Math.min(max, Math.max(0, v)))
  return [clamp(x, BOARD_WIDTH), clamp(y, BOARD_HEIGHT)]
}

/** A record as a plain shape; anything malformed (another client's bug, or worse) is skipped. */
export function readShape(record: unknown): Shape | null {
  if (!(record instanceof Y.Map)) return null
  const { id, kind, color, width, author } = record.toJSON() as Record<string, unknown>
  const points = record.get("points")
  if (typeof id !== "string" || typeof kind !== "string" || !KINDS.has(kind)) return null
  if (!(points instanceof Y.Array)) return null
  const flat = points
    .toArray()
    .filter((v): v is number => typeof v === "number" && Number.isFinite(v))
  if (flat.length < 2) return null
  return {
    id,
    kind: kind as ShapeKind,
    color: typeof color === "string" && HEX_COLOR.test(color) ? color : "#1f2937",
    width: typeof width === "number" && width > 0 && width <= 40 ? width : 3,
    author: typeof author === "string" ? author : "",
    points: flat.length % 2 === 0 ? flat : flat.slice(0, -1),
  }
}

export function readShapes(board: Y.Array<Y.Map<unknown>>): Shape[] {
  const shapes: Shape[] = []
  for (const record of board) {
    const shape = readShape(record)
    if (shape) shapes.push(shape)
  }
  return shapes
}

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
}

/** A freehand stroke being drawn: its points go out in batches. */
export interface Stroke {
  id: string
  append(points: number[]): void
}

/**
 * One participant's hand on the board: every change is a transaction with this object as its
 * origin, and the undo manager tracks only that origin, so undo never touches what someone
 * else drew. Each action (a shape, an erase, a clear) is one undo step.
 */
export class BoardEditor {
  readonly board: Y.Array<Y.Map<unknown>>
  readonly undoManager: Y.UndoManager

  constructor(
    private readonly doc: Y.Doc,
    private readonly author: string,
  ) {
    this.board = boardOf(doc)
    // Steps are cut explicitly (stopCapturing before each action), not by time: a slow
    // stroke's batches stay one step, and two quick shapes stay two.
    this.undoManager = new Y.UndoManager(this.board, {
      trackedOrigins: new Set([this]),
      captureTimeout: Number.MAX_SAFE_INTEGER,
    })
  }

  private record(input: ShapeInput, id: string): Y.Map<unknown> {
    const record = new Y.Map<unknown>()
    const points = new Y.Array<number>()
    points.push(input.points)
    record.set("id", id)
    record.set("kind", input.kind)
    record.set("color", input.color)
    record.set("width", input.width)
    record.set("author", this.author)
    record.set("points", points)
    return record
  }

  /** Add a finished shape in one update; returns its id. */
  add(input: ShapeInput): string {
    const id = newId()
    this.undoManager.stopCapturing()
    this.doc.transact(() => this.board.push([this.record(input, id)]), this)
    return id
  }

  /** Start a stroke with its first points; later points are appended to the same shape. */
  begin(input: ShapeInput): Stroke {
    const id = newId()
    const record = this.record(input, id)
    this.undoManager.stopCapturing()
    this.doc.transact(() => this.board.push([record]), this)
    const points = record.get("points") as Y.Array<number>
    return {
      id,
      append: (more) => {
        // Erased (or cleared) while still being drawn: the rest of the stroke goes nowhere.
        if (more.length === 0 || record._item?.deleted) return
        this.doc.transact(() => points.push(more), this)
      },
    }
  }

  /**
   * Remove the shapes with these ids (anyone's: the board is shared), as one step; with
   * `sameStep`, as part of the previous step (one sweep of the eraser undoes at once).
   */
  erase(ids: Iterable<string>, { sameStep = false } = {}): void {
    const gone = new Set(ids)
    if (gone.size === 0) return
    if (!sameStep) this.undoManager.stopCapturing()
    this.doc.transact(() => {
      for (let i = this.board.length - 1; i >= 0; i--) {
        const id = this.board.get(i)?.get("id")
        if (typeof id === "string" && gone.has(id)) this.board.delete(i, 1)
      }
    }, this)
  }

  /** Remove every shape, as one step (undo brings them back). */
  clear(): void {
    if (this.board.length === 0) return
    this.undoManager.stopCapturing()
    this.doc.transact(() => this.board.delete(0, this.board.length), this)
  }

  undo(): void {
    this.undoManager.stopCapturing()
    this.undoManager.undo()
  }

  redo(): void {
    this.undoManager.redo()
  }

  destroy(): void {
    this.undoManager.destroy()
  }
}

/** A shape as a polyline in board coordinates (what the eraser and the renderer measure). */
export function outline(shape: Shape): number[] {
  const p = shape.points
  if (shape.kind === "pen" || shape.kind === "line" || shape.kind === "arrow") return p
  const [x1 = 0, y1 = 0, x2 = x1, y2 = y1] = p
  if (shape.kind === "rect") return [x1, y1, x2, y1, x2, y2, x1, y2, x1, y1]
  const [cx, cy, rx, ry] = [
    (x1 + x2) / 2,
    (y1 + y2) / 2,
    Math.abs(x2 - x1) / 2,
    Math.abs(y2 - y1) / 2,
  ]
  const out: number[] = []
  for (let i = 0; i <= 32; i++) {
    const a = (i / 32) * 2 * Math.PI
    out.push(cx + rx * Math.cos(a), cy + ry * Math.sin(a))
  }
  return out
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax
  const dy = by - ay
  const len = dx * dx + dy * dy
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

/** Whether the point (x, y) is within `tolerance` board units of the shape's line. */
export function hits(shape: Shape, x: number, y: number, tolerance: number): boolean {
  const line = outline(shape)
  const reach = tolerance + shape.width / 2
  if (line.length === 2) return Math.hypot(x - line[0]!, y - line[1]!) <= reach
  for (let i = 0; i + 3 < line.length; i += 2) {
    if (segmentDistance(x, y, line[i]!, line[i + 1]!, line[i + 2]!, line[i + 3]!) <= reach) {
      return true
    }
  }
  return false
}

/** The two short strokes of an arrow's head at (x2, y2), as flat x, y pairs. */
export function arrowHead(points: number[], size: number): number[] {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = points
  const angle = Math.atan2(y2 - y1, x2 - x1)
  const wing = (turn: number) => [
    x2 - size * Math.cos(angle + turn),
    y2 - size * Math.sin(angle + turn),
  ]
  return [...wing(Math.PI / 7), x2, y2, ...wing(-Math.PI / 7)]
}
