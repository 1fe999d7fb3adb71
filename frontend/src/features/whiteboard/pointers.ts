// Named pointers on the board: each client puts `whiteboard: {x, y, draft?}` (board
// coordinates) in its Yjs awareness state while its pointer is over the board, and null when it
// leaves. `draft` is the line, arrow, rectangle or ellipse being dragged out, which reaches the
// document only when released: others watch it grow. Name and colour come from the state's
// `user`, which the server stamps from the participant record.
import { safeColor, safeName } from "@/lib/presence"
import { BOARD_HEIGHT, BOARD_WIDTH, type Shape, type ShapeInput, cleanShape } from "./board"

export const AWARENESS_FIELD = "whiteboard"

/** What we publish: our pointer, and the shape we are dragging out if any. */
export interface BoardPresence {
  x: number
  y: number
  draft?: ShapeInput
}

export interface BoardPointer {
  clientId: number
  name: string
  color: string
  x: number
  y: number
  draft: Shape | null
}

function coordinate(value: unknown, max: number): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max
    ? value
    : null
}

/** Everyone else's pointer on the board (not ours, nor our other tabs'). */
export function boardPointers(
  states: Map<number, Record<string, unknown>>,
  selfId: number,
  selfParticipant: string,
): BoardPointer[] {
  const pointers: BoardPointer[] = []
  for (const [clientId, state] of states) {
    const user = state.user as Record<string, unknown> | undefined
    const at = state[AWARENESS_FIELD] as Record<string, unknown> | null | undefined
    if (clientId === selfId || !user || !at || user.participantId === selfParticipant) continue
    const x = coordinate(at.x, BOARD_WIDTH)
    const y = coordinate(at.y, BOARD_HEIGHT)
    if (x === null || y === null) continue
    const draft = at.draft as Record<string, unknown> | null | undefined
    pointers.push({
      clientId,
      name: safeName(user.name),
      color: safeColor(user.color),
      x,
      y,
      draft: draft ? cleanShape({ ...draft, id: `draft-${clientId}` }, draft.points) : null,
    })
  }
  return pointers
}
