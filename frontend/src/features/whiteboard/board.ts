// The whiteboard's shapes, kept in the room's Y.Doc next to the files: the top-level Y.Array
// "whiteboard" holds one Y.Map per shape, in drawing order (the last one is on top). Sync,
// offline merge, the update log and replay come with the document. Pure apart from Yjs;
// tested in board.test.ts.
//
// A shape record (if you add a field, update cleanShape, BoardEditor.record and
// docs/protocol.md):
//   id      string, unique (random)
//   kind    "pen" | "line" | "arrow" | "rect" | "ellipse" | "text"
//   color   "#rrggbb"
//   width   stroke width in board units
//   author  participant id of whoever drew it
//   points  Y.Array<number>: x, y pairs in board coordinates (pen: the stroke, appended in
//           batches while it is drawn; text: its top-left corner; the other kinds: two
//           corners / two ends). Moving or resizing replaces the whole array, so two people
//           moving one shape at once end with one of the two moves, never a mix.
//   text    string, text labels only (editing replaces it)
import * as Y from "yjs"

export const BOARD_KEY = "whiteboard"
/** Board coordinates are independent of the panel's size: every client draws on 1600 × 1000. */
export const BOARD_WIDTH = 1600
export const BOARD_HEIGHT = 1000
/** Longest text label, in UTF-16 units (a label, not a document). */
export const MAX_TEXT = 200

export type ShapeKind = "pen" | "line" | "arrow" | "rect" | "ellipse" | "text"
const KINDS = new Set<string>(["pen", "line", "arrow", "rect", "ellipse", "text"])
const HEX_COLOR = /^#[0-9a-f]{6}$/

export interface Shape {
  id: string
  kind: ShapeKind
  color: string
  width: number
  author: string
  /** Flat x, y pairs in board coordinates. */
  points: number[]
  /** The label of a "text" shape (absent on the others). */
  text?: string
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

/**
 * Fields that came from another client (a record in the document, a shape being drawn in
 * awareness) as a shape, or null if they cannot be one (another client's bug, or worse).
 */
export function cleanShape(fields: Record<string, unknown>, points: unknown): Shape | null {
  const { id, kind, color, width, author, text } = fields
  if (typeof id !== "string" || typeof kind !== "string" || !KINDS.has(kind)) return null
  if (!Array.isArray(points)) return null
  const flat = points.filter((v): v is number => typeof v === "number" && Number.isFinite(v))
  if (flat.length < 2) return null
  const label = typeof text === "string" ? text.slice(0, MAX_TEXT) : ""
  if (kind === "text" && !label.trim()) return null
  return {
    id,
    kind: kind as ShapeKind,
    color: typeof color === "string" && HEX_COLOR.test(color) ? color : "#1f2937",
    width: typeof width === "number" && width > 0 && width <= 40 ? width : 3,
    author: typeof author === "string" ? author : "",
    points: flat.length % 2 === 0 ? flat : flat.slice(0, -1),
    ...(kind === "text" ? { text: label } : {}),
  }
}

/** A record as a plain shape; anything malformed is skipped. */
export function readShape(record: unknown): Shape | null {
  if (!(record instanceof Y.Map)) return null
  const points = record.get("points")
  if (!(points instanceof Y.Array)) return null
  return cleanShape(Object.fromEntries(record.entries()), points.toArray())
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
    if (input.text !== undefined) record.set("text", input.text.slice(0, MAX_TEXT))
    return record
  }

  private find(id: string): Y.Map<unknown> | undefined {
    for (const record of this.board) if (record.get("id") === id) return record
    return undefined
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

  /**
   * Move, resize, recolour or relabel someone's shape, as one step; with `sameStep`, as part
   * of the previous step (a drag sends its positions as it goes and undoes at once). Points
   * replace the whole array (see the record's comment). Gone already (erased by someone
   * else): nothing happens.
   */
  change(
    id: string,
    fields: Partial<Pick<Shape, "points" | "color" | "text">>,
    { sameStep = false } = {},
  ): void {
    const record = this.find(id)
    if (!record) return
    if (!sameStep) this.undoManager.stopCapturing()
    this.doc.transact(() => {
      if (fields.points) record.set("points", Y.Array.from(fields.points))
      if (fields.color) record.set("color", fields.color)
      if (fields.text !== undefined) record.set("text", fields.text.slice(0, MAX_TEXT))
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
