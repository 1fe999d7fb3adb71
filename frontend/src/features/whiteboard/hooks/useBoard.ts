// The live board's subscriptions: its shapes, the others' pointers, our own editor (undo
// scope) and the throttled publishing of our pointer. Every subscription is released in its
// effect's cleanup.
import { useCallback, useEffect, useRef, useState } from "react"
import type { Awareness } from "y-protocols/awareness"
import type * as Y from "yjs"
import { BoardEditor, type Shape, boardOf, readShapes } from "../board"
import { AWARENESS_FIELD, type BoardPointer, type BoardPresence, boardPointers } from "../pointers"
import { setUnseen } from "../unread"

// Awareness is capped at 30 messages a second per connection (burst 60), shared with the
// editor's cursor: a pointer position goes out at most every 80 ms (12.5 a second).
const POINTER_INTERVAL_MS = 80

/** Every shape of the board, re-read on each change (local or remote). */
export function useShapes(doc: Y.Doc): Shape[] {
  const [shapes, setShapes] = useState<Shape[]>(() => readShapes(boardOf(doc)))
  useEffect(() => {
    const board = boardOf(doc)
    const update = () => setShapes(readShapes(board))
    update()
    board.observeDeep(update)
    return () => board.unobserveDeep(update)
  }, [doc])
  return shapes
}

/** Whether `element` is on screen (false while its tab is hidden). */
export function useOnScreen(element: Element | null): boolean {
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    if (!element) return
    const observer = new IntersectionObserver(([entry]) =>
      setVisible(entry?.isIntersecting ?? false),
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return visible
}

/** Marks others' drawing as unseen while the board is off screen, and as seen once it shows. */
export function useUnseenChanges(doc: Y.Doc, visible: boolean): void {
  const onScreen = useRef(visible)
  onScreen.current = visible
  useEffect(() => {
    if (visible) setUnseen(false)
  }, [visible])
  useEffect(() => {
    const board = boardOf(doc)
    const onChange = (_events: unknown[], transaction: Y.Transaction) => {
      if (!transaction.local && !onScreen.current) setUnseen(true)
    }
    board.observeDeep(onChange)
    return () => {
      board.unobserveDeep(onChange)
      setUnseen(false)
    }
  }, [doc])
}

/** The other participants' pointers over the board, live. */
export function usePointers(awareness: Awareness, participantId: string): BoardPointer[] {
  const [pointers, setPointers] = useState<BoardPointer[]>([])
  useEffect(() => {
    const update = () =>
      setPointers(
        boardPointers(
          awareness.getStates() as Map<number, Record<string, unknown>>,
          awareness.clientID,
          participantId,
        ),
      )
    update()
    awareness.on("change", update)
    return () => awareness.off("change", update)
  }, [awareness, participantId])
  return pointers
}

export interface BoardHistory {
  editor: BoardEditor | null
  canUndo: boolean
  canRedo: boolean
}

/** Our hand on the board: a BoardEditor (undo scoped to our own changes) for this document. */
export function useBoardEditor(doc: Y.Doc, author: string): BoardHistory {
  const [history, setHistory] = useState<BoardHistory>({
    editor: null,
    canUndo: false,
    canRedo: false,
  })
  useEffect(() => {
    const editor = new BoardEditor(doc, author)
    const manager = editor.undoManager
    const update = () =>
      setHistory({ editor, canUndo: manager.canUndo(), canRedo: manager.canRedo() })
    const events = ["stack-item-added", "stack-item-popped", "stack-cleared"] as const
    for (const name of events) manager.on(name, update)
    update()
    return () => {
      for (const name of events) manager.off(name, update)
      editor.destroy()
      setHistory({ editor: null, canUndo: false, canRedo: false })
    }
  }, [doc, author])
  return history
}

/**
 * Publishes our pointer (board coordinates and the shape being dragged out, or null when it
 * leaves the board) in awareness, at most every POINTER_INTERVAL_MS; the latest always goes
 * out.
 */
export function usePointerPublisher(awareness: Awareness): (at: BoardPresence | null) => void {
  const pending = useRef<BoardPresence | null>(null)
  const timer = useRef(0)
  const lastSent = useRef(0)
  useEffect(
    () => () => {
      window.clearTimeout(timer.current)
      timer.current = 0
      if (awareness.getLocalState()?.[AWARENESS_FIELD]) {
        awareness.setLocalStateField(AWARENESS_FIELD, null)
      }
    },
    [awareness],
  )
  return useCallback(
    (at) => {
      pending.current = at
      if (timer.current) return
      const wait = Math.max(0, POINTER_INTERVAL_MS - (performance.now() - lastSent.current))
      timer.current = window.setTimeout(() => {
        timer.current = 0
        // Every awareness change is a message to the room: "still off the board" is none.
        if (pending.current === null && !awareness.getLocalState()?.[AWARENESS_FIELD]) return
        lastSent.current = performance.now()
        awareness.setLocalStateField(AWARENESS_FIELD, pending.current)
      }, wait)
    },
    [awareness],
  )
}
