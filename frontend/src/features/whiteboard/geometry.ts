// Pure geometry of board shapes, in board coordinates: outlines, bounds, hit-testing (eraser,
// selection), moving and resizing. Tested in geometry.test.ts.
import { BOARD_HEIGHT, BOARD_WIDTH, type Shape } from "./board"

/** A text label's font size in board units (every label has the same). */
export const TEXT_SIZE = 36
// Labels are measured without a DOM (hit-testing runs on plain data): an average glyph of a
// sans-serif font is a little over half its size wide.
const GLYPH_WIDTH = 0.56
const LINE_HEIGHT = 1.25

export interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** The smallest box around the shape (a text label's estimated extent). */
export function bounds(shape: Shape): Box {
  const p = shape.points
  if (shape.kind === "text") {
    const [x = 0, y = 0] = p
    const width = Math.max(1, shape.text?.length ?? 0) * TEXT_SIZE * GLYPH_WIDTH
    return { x1: x, y1: y, x2: x + width, y2: y + TEXT_SIZE * LINE_HEIGHT }
  }
  const xs = p.filter((_, i) => i % 2 === 0)
  const ys = p.filter((_, i) => i % 2 === 1)
  return { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) }
}

/** A shape as a polyline in board coordinates (what the eraser and the selection measure). */
export function outline(shape: Shape): number[] {
  const p = shape.points
  if (shape.kind === "pen" || shape.kind === "line" || shape.kind === "arrow") return p
  if (shape.kind === "text") {
    const { x1, y1, x2, y2 } = bounds(shape)
    return [x1, y1, x2, y1, x2, y2, x1, y2, x1, y1]
  }
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

function inside(box: Box, x: number, y: number, margin: number): boolean {
  return (
    x >= box.x1 - margin && x <= box.x2 + margin && y >= box.y1 - margin && y <= box.y2 + margin
  )
}

/** Whether (x, y) is within `tolerance` of the shape's line (anywhere on a text label). */
export function hits(shape: Shape, x: number, y: number, tolerance: number): boolean {
  if (shape.kind === "text") return inside(bounds(shape), x, y, tolerance)
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

/** Whether (x, y) is in the area a closed shape encloses (its empty middle). */
function encloses(shape: Shape, x: number, y: number): boolean {
  const box = bounds(shape)
  if (shape.kind === "rect") return inside(box, x, y, 0)
  if (shape.kind !== "ellipse") return false
  const [rx, ry] = [(box.x2 - box.x1) / 2, (box.y2 - box.y1) / 2]
  if (rx === 0 || ry === 0) return false
  const [dx, dy] = [(x - box.x1 - rx) / rx, (y - box.y1 - ry) / ry]
  return dx * dx + dy * dy <= 1
}

/**
 * The shape a click at (x, y) selects: the topmost whose line is hit, else the smallest whose
 * middle encloses the point (so a shape inside a big frame stays reachable, whatever the order).
 */
export function pick(shapes: Shape[], x: number, y: number, tolerance: number): Shape | null {
  const lined = [...shapes].reverse().find((s) => hits(s, x, y, tolerance))
  if (lined) return lined
  const area = (s: Shape) => {
    const box = bounds(s)
    return (box.x2 - box.x1) * (box.y2 - box.y1)
  }
  let best: Shape | null = null
  for (const s of shapes) {
    if (encloses(s, x, y) && (!best || area(s) < area(best))) best = s
  }
  return best
}

const round = Math.round
const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v))

/** The points moved by (dx, dy), the move shortened so the whole shape stays on the board. */
export function translate(shape: Shape, dx: number, dy: number): number[] {
  const box = bounds(shape)
  const mx = round(clamp(dx, -box.x1, Math.max(-box.x1, BOARD_WIDTH - box.x2)))
  const my = round(clamp(dy, -box.y1, Math.max(-box.y1, BOARD_HEIGHT - box.y2)))
  return shape.points.map((v, i) => v + (i % 2 === 0 ? mx : my))
}

/** Line and arrow ends move one at a time; other shapes scale by their bounds' corners. */
export type Handle = "start" | "end" | "nw" | "ne" | "sw" | "se"

/** The resize handles of a shape and where they are (text labels have none). */
export function handles(shape: Shape): { handle: Handle; x: number; y: number }[] {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = shape.points
  if (shape.kind === "text") return []
  if (shape.kind === "line" || shape.kind === "arrow") {
    return [
      { handle: "start", x: x1, y: y1 },
      { handle: "end", x: x2, y: y2 },
    ]
  }
  const box = bounds(shape)
  return [
    { handle: "nw", x: box.x1, y: box.y1 },
    { handle: "ne", x: box.x2, y: box.y1 },
    { handle: "sw", x: box.x1, y: box.y2 },
    { handle: "se", x: box.x2, y: box.y2 },
  ]
}

/** The handle within `reach` of (x, y), if any, with its position. */
export function handleAt(shape: Shape, x: number, y: number, reach: number) {
  return handles(shape).find((h) => Math.hypot(h.x - x, h.y - y) <= reach) ?? null
}

/**
 * The points after dragging `handle` to (x, y): an end of a line moves alone; otherwise the
 * opposite corner stays put and every point scales with the bounds (dragging past it flips).
 */
export function resize(shape: Shape, handle: Handle, x: number, y: number): number[] {
  const p = shape.points
  if (handle === "start") return [x, y, ...p.slice(2)]
  if (handle === "end") return [...p.slice(0, 2), x, y]
  const box = bounds(shape)
  const [fx, from] = handle.endsWith("w") ? [box.x2, box.x1] : [box.x1, box.x2]
  const [fy, fromY] = handle.startsWith("n") ? [box.y2, box.y1] : [box.y1, box.y2]
  // A flat side (a horizontal stroke) cannot scale in that direction: it keeps its extent.
  const sx = from === fx ? 1 : (x - fx) / (from - fx)
  const sy = fromY === fy ? 1 : (y - fy) / (fromY - fy)
  return p.map((v, i) =>
    i % 2 === 0
      ? round(clamp(fx + (v - fx) * sx, 0, BOARD_WIDTH))
      : round(clamp(fy + (v - fy) * sy, 0, BOARD_HEIGHT)),
  )
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
