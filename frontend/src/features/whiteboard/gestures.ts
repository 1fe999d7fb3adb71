// What one press-drag-release on the board does, per tool. A gesture starts at pointer-down,
// follows the pointer and ends at pointer-up; it writes to the document through our
// BoardEditor (so undo and the others see it) and shows what is not sent yet through the
// context's callbacks.
import type { BoardEditor, Shape, ShapeInput, ShapeKind, Stroke } from "./board"
import { handleAt, hits, pick, resize, translate } from "./geometry"

export type Point = [number, number]

export interface GestureContext {
  editor: BoardEditor
  /** The board's shapes as they are now. */
  shapes: () => Shape[]
  color: string
  /** The shape being dragged out (null when done): drawn locally, not yet in the document. */
  showDraft: (draft: ShapeInput | null) => void
  /** A shape's points while it is moved or resized, ahead of the batched updates. */
  showPreview: (preview: { id: string; points: number[] } | null) => void
  select: (id: string | null) => void
}

export interface Gesture {
  move(at: Point): void
  end(): void
  /** The shape being dragged out, which others watch through awareness. */
  readonly draft?: ShapeInput
}

export const STROKE_WIDTH = 3
// A drag goes out in batches: one small update every 50 ms.
const BATCH_MS = 50
// Points closer than this (board units) to the previous one add nothing visible.
const MIN_STEP = 2
// How near (board units) the pointer must be to a shape's line to touch it, or to a handle.
export const REACH = 8
export const HANDLE_REACH = 14
// A click without a drag (less than this, in board units) draws nothing.
const MIN_SHAPE = 4

/** A freehand stroke: created at once, its points appended in batches while it is drawn. */
export function penGesture(ctx: GestureContext, at: Point): Gesture {
  const stroke: Stroke = ctx.editor.begin({
    kind: "pen",
    color: ctx.color,
    width: STROKE_WIDTH,
    points: at,
  })
  const pending: number[] = []
  let last = at
  const flush = () => {
    if (pending.length > 0) stroke.append(pending.splice(0))
  }
  const timer = window.setInterval(flush, BATCH_MS)
  return {
    move(next) {
      if (Math.hypot(next[0] - last[0], next[1] - last[1]) < MIN_STEP) return
      pending.push(...next)
      last = next
    },
    end() {
      window.clearInterval(timer)
      flush()
    },
  }
}

/** One sweep of the eraser (down to up) is one undo step. */
export function eraserGesture(ctx: GestureContext, at: Point): Gesture {
  let sweeping = false
  const eraseAt = ([x, y]: Point) => {
    const hit = ctx.shapes().filter((s) => hits(s, x, y, REACH))
    if (hit.length === 0) return
    ctx.editor.erase(
      hit.map((s) => s.id),
      { sameStep: sweeping },
    )
    sweeping = true
  }
  eraseAt(at)
  return { move: eraseAt, end() {} }
}

/** A line, arrow, rectangle or ellipse, dragged out and added whole on release. */
export function shapeGesture(ctx: GestureContext, kind: ShapeKind, at: Point): Gesture {
  const gesture: Gesture & { draft: ShapeInput } = {
    draft: { kind, color: ctx.color, width: STROKE_WIDTH, points: [...at, ...at] },
    move(next) {
      gesture.draft = { ...gesture.draft, points: [at[0], at[1], ...next] }
      ctx.showDraft(gesture.draft)
    },
    end() {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = gesture.draft.points
      if (Math.abs(x2 - x1) + Math.abs(y2 - y1) >= MIN_SHAPE) ctx.editor.add(gesture.draft)
      ctx.showDraft(null)
    },
  }
  ctx.showDraft(gesture.draft)
  return gesture
}

/** Moving or resizing a shape: shown at once, sent in batches, undone as one step. */
function editGesture(ctx: GestureContext, id: string, pointsAt: (at: Point) => number[]): Gesture {
  let latest: number[] | null = null
  let sent = false
  const flush = () => {
    if (!latest) return
    ctx.editor.change(id, { points: latest }, { sameStep: sent })
    latest = null
    sent = true
  }
  const timer = window.setInterval(flush, BATCH_MS)
  return {
    move(at: Point) {
      latest = pointsAt(at)
      ctx.showPreview({ id, points: latest })
    },
    end() {
      window.clearInterval(timer)
      flush()
      ctx.showPreview(null)
    },
  }
}

/**
 * The select tool: a press on the selected shape's handle resizes it; on a shape selects it
 * and drags it along; on empty board clears the selection.
 */
export function selectGesture(
  ctx: GestureContext,
  at: Point,
  selected: Shape | null,
): Gesture | null {
  const grabbed = selected && handleAt(selected, at[0], at[1], HANDLE_REACH)
  if (selected && grabbed) {
    // Where on the handle it was grabbed does not matter: the corner follows the pointer's
    // movement, without a jump to it.
    const [dx, dy] = [at[0] - grabbed.x, at[1] - grabbed.y]
    return editGesture(ctx, selected.id, ([x, y]) =>
      resize(selected, grabbed.handle, x - dx, y - dy),
    )
  }
  const shape = pick(ctx.shapes(), at[0], at[1], REACH)
  ctx.select(shape?.id ?? null)
  if (!shape) return null
  return editGesture(ctx, shape.id, ([x, y]) => translate(shape, x - at[0], y - at[1]))
}
