import { textColorOn } from "@/lib/presence"
import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from "react"
import type { Awareness } from "y-protocols/awareness"
import type * as Y from "yjs"
import { type Shape, type ShapeInput, boardPoint } from "../board"
import { pick } from "../geometry"
import {
  type Gesture,
  type GestureContext,
  type Point,
  REACH,
  STROKE_WIDTH,
  eraserGesture,
  penGesture,
  selectGesture,
  shapeGesture,
} from "../gestures"
import {
  useBoardEditor,
  useOnScreen,
  usePointerPublisher,
  usePointers,
  useShapes,
  useUnseenChanges,
} from "../hooks/useBoard"
import type { BoardPointer } from "../pointers"
import { BoardSurface, SelectionView, ShapeView } from "./BoardShapes"
import { LabelEditor } from "./LabelEditor"
import { COLORS, type Tool, Toolbar } from "./Toolbar"

/** A text label being typed: a new one (id null) or an existing one being edited. */
interface LabelEdit {
  id: string | null
  at: Point
  initial: string
  color: string
}

const CURSORS: Partial<Record<Tool, string>> = {
  select: "wb-select",
  text: "wb-text-tool",
  eraser: "wb-erase",
}

/**
 * The room's shared whiteboard: shapes live in the room's Y.Doc, pointers in awareness.
 * Everyone who may edit may draw, move, relabel and erase (anyone's shape: the board is
 * shared); undo takes back only one's own actions; clearing the whole board is for the room's
 * staff.
 */
export function Whiteboard({
  doc,
  awareness,
  participantId,
  canDraw,
  canClear,
}: {
  doc: Y.Doc
  awareness: Awareness
  participantId: string
  canDraw: boolean
  canClear: boolean
}) {
  const shapes = useShapes(doc)
  const latestShapes = useRef(shapes)
  latestShapes.current = shapes
  const pointers = usePointers(awareness, participantId)
  const { editor, canUndo, canRedo } = useBoardEditor(doc, participantId)
  const publishPointer = usePointerPublisher(awareness)
  const [tool, setTool] = useState<Tool>("pen")
  const [color, setColor] = useState(COLORS[0]!.value)
  const [draft, setDraft] = useState<ShapeInput | null>(null)
  const [preview, setPreview] = useState<{ id: string; points: number[] } | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [label, setLabel] = useState<LabelEdit | null>(null)
  const svg = useRef<SVGSVGElement>(null)
  const [root, setRoot] = useState<HTMLDivElement | null>(null)
  const onScreen = useOnScreen(root)
  useUnseenChanges(doc, onScreen)
  // Switching to the code tab takes our pointer off the others' boards.
  useEffect(() => {
    if (!onScreen) publishPointer(null)
  }, [onScreen, publishPointer])
  const gesture = useRef<Gesture | null>(null)
  useEffect(() => () => gesture.current?.end(), [])

  // What is on screen: a moved shape where the pointer has it, a label being edited hidden
  // under its box. A selection someone else erased disappears with the shape.
  const shown = shapes
    .filter((s) => s.id !== label?.id)
    .map((s) => (s.id === preview?.id ? { ...s, points: preview.points } : s))
  const selected = shown.find((s) => s.id === selectedId) ?? null

  const toBoard = (e: { clientX: number; clientY: number }): Point | null => {
    const matrix = svg.current?.getScreenCTM()
    if (!matrix) return null
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse())
    return boardPoint(p.x, p.y)
  }

  const chooseTool = (next: Tool) => {
    setTool(next)
    setSelectedId(null)
  }

  const chooseColor = (next: string) => {
    setColor(next)
    if (selected && selected.color !== next) editor?.change(selected.id, { color: next })
  }

  const editLabel = (shape: Shape) =>
    setLabel({
      id: shape.id,
      at: [shape.points[0]!, shape.points[1]!],
      initial: shape.text ?? "",
      color: shape.color,
    })

  const finishLabel = (edit: LabelEdit, typed: string | null) => {
    setLabel(null)
    svg.current?.focus() // the board's keys (Delete, Ctrl+Z) work again without a click
    const text = typed?.trim()
    if (text === undefined || !editor || text === edit.initial) return
    if (edit.id && text) editor.change(edit.id, { text })
    else if (edit.id) editor.erase([edit.id])
    else if (text) {
      editor.add({ kind: "text", color: edit.color, width: STROKE_WIDTH, points: edit.at, text })
    }
  }

  const startGesture = (at: Point): Gesture | null => {
    if (!editor) return null
    const ctx: GestureContext = {
      editor,
      shapes: () => latestShapes.current,
      color,
      showDraft: setDraft,
      showPreview: setPreview,
      select: setSelectedId,
    }
    if (tool === "select") return selectGesture(ctx, at, selected)
    if (tool === "eraser") return eraserGesture(ctx, at)
    if (tool === "pen") return penGesture(ctx, at)
    if (tool === "text") return null
    return shapeGesture(ctx, tool, at)
  }

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    const at = toBoard(e)
    if (!canDraw || !editor || !at || e.button !== 0) return
    if (label) {
      // A click beside the open label box commits it (its blur), and does nothing else.
      e.currentTarget.focus()
      return
    }
    if (tool === "text") {
      // The label box takes the focus, not the board behind it.
      e.preventDefault()
      const hit = pick(shapes, at[0], at[1], REACH)
      if (hit?.kind === "text") editLabel(hit)
      else setLabel({ id: null, at, initial: "", color })
      return
    }
    e.currentTarget.setPointerCapture(e.pointerId)
    e.currentTarget.focus()
    gesture.current?.end()
    gesture.current = startGesture(at)
  }

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const at = toBoard(e)
    if (!at) return
    gesture.current?.move(at)
    const drawing = gesture.current?.draft
    publishPointer({ x: at[0], y: at[1], ...(drawing ? { draft: drawing } : {}) })
  }

  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    gesture.current?.end()
    gesture.current = null
    // The finished shape is in the document now: others stop seeing it as a draft.
    const at = toBoard(e)
    if (at) publishPointer({ x: at[0], y: at[1] })
  }

  const onDoubleClick = (e: { clientX: number; clientY: number }) => {
    const at = toBoard(e)
    const hit = at && canDraw && tool === "select" ? pick(shapes, at[0], at[1], REACH) : null
    if (hit?.kind === "text") editLabel(hit)
  }

  const undo = () => {
    setSelectedId(null)
    editor?.undo()
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (!canDraw) return
    const key = e.key.toLowerCase()
    if (selected && (key === "delete" || key === "backspace")) {
      editor?.erase([selected.id])
      setSelectedId(null)
    } else if (key === "escape") setSelectedId(null)
    else if (!(e.ctrlKey || e.metaKey)) return
    else if (key === "z" && !e.shiftKey) undo()
    else if ((key === "z" && e.shiftKey) || key === "y") editor?.redo()
    else return
    e.preventDefault()
  }

  const deleteSelected = () => {
    if (selected) editor?.erase([selected.id])
    setSelectedId(null)
  }

  return (
    <div className="wb" data-testid="whiteboard" ref={setRoot}>
      <Toolbar
        tool={tool}
        onTool={chooseTool}
        color={color}
        onColor={chooseColor}
        disabled={!canDraw}
        actions={[
          { label: "Undo", name: "Undo my last drawing", enabled: canUndo, run: undo },
          { label: "Redo", name: "Redo my drawing", enabled: canRedo, run: () => editor?.redo() },
          ...(tool === "select"
            ? [
                {
                  label: "Delete",
                  name: "Delete the selected shape",
                  enabled: selected !== null,
                  run: deleteSelected,
                },
              ]
            : []),
        ]}
        onClear={canClear ? () => editor?.clear() : null}
      />
      {canDraw ? null : (
        <p className="muted wb-note">You are observing: the whiteboard is read-only for you.</p>
      )}
      <BoardSurface
        ref={svg}
        shapes={shown}
        label="Whiteboard"
        className={canDraw ? (CURSORS[tool] ?? "wb-draw") : ""}
        tabIndex={0}
        data-testid="whiteboard-board"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => publishPointer(null)}
        onDoubleClick={onDoubleClick}
        onKeyDown={onKeyDown}
      >
        {selected ? <SelectionView shape={selected} /> : null}
        {draft ? (
          <ShapeView shape={{ ...draft, id: "draft", author: participantId }} draft />
        ) : null}
        {label ? (
          <LabelEditor
            key={label.id ?? "new"}
            at={label.at}
            initial={label.initial}
            color={label.color}
            onDone={(text) => finishLabel(label, text)}
          />
        ) : null}
        {pointers.map((p) => (
          <PointerView key={p.clientId} pointer={p} />
        ))}
      </BoardSurface>
    </div>
  )
}

/** Someone else's pointer: an arrow in their colour with their name, and what they drag out. */
function PointerView({ pointer }: { pointer: BoardPointer }) {
  const { x, y, color, name, draft } = pointer
  return (
    <>
      {draft ? <ShapeView shape={draft} draft /> : null}
      <g
        className="wb-pointer"
        transform={`translate(${x} ${y})`}
        data-testid="wb-pointer"
        data-name={name}
      >
        <path
          d="M0 0L0 36L10 26L18 42L24 39L16 23L30 23Z"
          fill={color}
          stroke="#ffffff"
          strokeWidth={2}
        />
        <text x={26} y={60} className="wb-pointer-name" fill={textColorOn(color)} stroke={color}>
          {name}
        </text>
      </g>
    </>
  )
}
