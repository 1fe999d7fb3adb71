import type * as Y from "yjs"
import { boardOf, readShapes } from "../board"
import { BoardSurface } from "./BoardShapes"

/** The board of `doc` as it is now, read-only (the replay renders it at the replayed moment). */
export function BoardView({ doc }: { doc: Y.Doc }) {
  const shapes = readShapes(boardOf(doc))
  return (
    <div className="wb wb-readonly" data-testid="board-view" data-shapes={shapes.length}>
      <BoardSurface shapes={shapes} label="Whiteboard" />
      {shapes.length === 0 ? <p className="muted wb-empty">Nothing was drawn yet.</p> : null}
    </div>
  )
}
