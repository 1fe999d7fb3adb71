import { Button } from "@/components/ui/Button"
import { ConfirmButton } from "@/components/ui/ConfirmButton"
import { textColorOn } from "@/lib/presence"
import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from "react"
import type { Awareness } from "y-protocols/awareness"
import type * as Y from "yjs"
import { type ShapeInput, type ShapeKind, type Stroke, boardPoint, hits } from "../board"
import {
  useBoardEditor,
  useOnScreen,
  usePointerPublisher,
  usePointers,
  useShapes,
  useUnseenChanges,
} from "../hooks/useBoard"
import type { BoardPointer } from "../pointers"
import { BoardSurface, ShapeView } from "./BoardShapes"

type Tool = ShapeKind | "eraser"

const TOOLS: { id: Tool; label: string }[] = [
  { id: "pen", label: "Pen" },
  { id: "line", label: "Line" },
  { id: "arrow", label: "Arrow" },
  { id: "rect", label: "Rectangle" },
  { id: "ellipse", label: "Ellipse" },
  { id: "eraser", label: "Eraser" },
]

const COLORS = [
  { value: "#1f2937", name: "Black" },
  { value: "#dc2626", name: "Red" },
  { value: "#2563eb", name: "Blue" },
  { value: "#16a34a", name: "Green" },
  { value: "#ea580c", name: "Orange" },
  { value: "#9333ea", name: "Purple" },
]

const STROKE_WIDTH = 3
// A stroke's points go out in batches: one small update every 50 ms while drawing.
const BATCH_MS = 50
// Points closer than this (board units) to the previous one add nothing visible.
const MIN_STEP = 2
const ERASER_REACH = 8

interface PenState {
  stroke: Stroke
  pending: number[]
  last: [number, number]
  timer: number
}

function flushStroke(state: PenState | null): void {
  if (state && state.pending.length > 0) state.stroke.append(state.pending.splice(0))
}

function endStroke(pen: { current: PenState | null }): void {
  flushStroke(pen.current)
  if (pen.current) window.clearInterval(pen.current.timer)
  pen.current = null
}

/**
 * The room's shared whiteboard: shapes live in the room's Y.Doc, pointers in awareness.
 * Everyone who may edit may draw and erase (anyone's shape: the board is shared); undo
 * takes back only one's own actions; clearing the whole board is for the room's staff.
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
  const pointers = usePointers(awareness, participantId)
  const { editor, canUndo, canRedo } = useBoardEditor(doc, participantId)
  const publishPointer = usePointerPublisher(awareness)
  const [tool, setTool] = useState<Tool>("pen")
  const [color, setColor] = useState(COLORS[0]!.value)
  const [draft, setDraft] = useState<ShapeInput | null>(null)
  const svg = useRef<SVGSVGElement>(null)
  const [root, setRoot] = useState<HTMLDivElement | null>(null)
  const onScreen = useOnScreen(root)
  useUnseenChanges(doc, onScreen)
  // Switching to the code tab takes our pointer off the others' boards.
  useEffect(() => {
    if (!onScreen) publishPointer(null)
  }, [onScreen, publishPointer])
  const pen = useRef<PenState | null>(null)
  const erasing = useRef<"no" | "started" | "sweeping">("no")

  const endPen = () => endStroke(pen)
  useEffect(() => () => endStroke(pen), [])

  const toBoard = (e: PointerEvent): [number, number] | null => {
    const matrix = svg.current?.getScreenCTM()
    if (!matrix) return null
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse())
    return boardPoint(p.x, p.y)
  }

  // One sweep of the eraser (pointer down to up) is one undo step.
  const eraseAt = (x: number, y: number) => {
    const hit = shapes.filter((s) => hits(s, x, y, ERASER_REACH)).map((s) => s.id)
    if (hit.length === 0 || !editor) return
    editor.erase(hit, { sameStep: erasing.current === "sweeping" })
    erasing.current = "sweeping"
  }

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    const at = toBoard(e)
    if (!canDraw || !editor || !at || e.button !== 0) return
    e.currentTarget.setPointerCapture(e.pointerId)
    e.currentTarget.focus()
    if (tool === "eraser") {
      erasing.current = "started"
      eraseAt(...at)
    } else if (tool === "pen") {
      endPen()
      const stroke = editor.begin({ kind: "pen", color, width: STROKE_WIDTH, points: at })
      pen.current = {
        stroke,
        pending: [],
        last: at,
        timer: window.setInterval(() => flushStroke(pen.current), BATCH_MS),
      }
    } else {
      setDraft({ kind: tool, color, width: STROKE_WIDTH, points: [...at, ...at] })
    }
  }

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const at = toBoard(e)
    if (!at) return
    publishPointer({ x: at[0], y: at[1] })
    const state = pen.current
    if (state) {
      if (Math.hypot(at[0] - state.last[0], at[1] - state.last[1]) < MIN_STEP) return
      state.pending.push(...at)
      state.last = at
    } else if (erasing.current !== "no") {
      eraseAt(...at)
    } else if (draft) {
      setDraft({ ...draft, points: [draft.points[0]!, draft.points[1]!, ...at] })
    }
  }

  const onPointerUp = () => {
    endPen()
    erasing.current = "no"
    if (!draft) return
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = draft.points
    // A click without a drag draws nothing.
    if (Math.abs(x2 - x1) + Math.abs(y2 - y1) >= 4) editor?.add(draft)
    setDraft(null)
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (!canDraw || !(e.ctrlKey || e.metaKey)) return
    const key = e.key.toLowerCase()
    if (key === "z" && !e.shiftKey) editor?.undo()
    else if ((key === "z" && e.shiftKey) || key === "y") editor?.redo()
    else return
    e.preventDefault()
  }

  return (
    <div className="wb" data-testid="whiteboard" ref={setRoot}>
      <div className="wb-toolbar row" role="toolbar" aria-label="Whiteboard tools">
        {TOOLS.map((t) => (
          <Button
            key={t.id}
            variant="ghost"
            aria-pressed={tool === t.id}
            disabled={!canDraw}
            onClick={() => setTool(t.id)}
          >
            {t.label}
          </Button>
        ))}
        <fieldset className="wb-colors" aria-label="Colour">
          {COLORS.map((c) => (
            <button
              key={c.value}
              type="button"
              className="wb-swatch"
              style={{ background: c.value }}
              title={c.name}
              aria-label={c.name}
              aria-pressed={color === c.value}
              disabled={!canDraw}
              onClick={() => setColor(c.value)}
            />
          ))}
        </fieldset>
        {[
          { label: "Undo", name: "Undo my last drawing", can: canUndo, run: () => editor?.undo() },
          { label: "Redo", name: "Redo my drawing", can: canRedo, run: () => editor?.redo() },
        ].map((step) => (
          <Button
            key={step.label}
            variant="ghost"
            aria-label={step.name}
            disabled={!canDraw || !step.can}
            onClick={step.run}
          >
            {step.label}
          </Button>
        ))}
        {canClear && canDraw ? (
          <ConfirmButton
            label="Clear"
            ariaLabel="Clear the whiteboard"
            question="Clear the whiteboard for everyone? Your Undo brings it back."
            confirmLabel="Clear board"
            onConfirm={() => editor?.clear()}
          />
        ) : null}
      </div>
      {canDraw ? null : (
        <p className="muted wb-note">You are observing: the whiteboard is read-only for you.</p>
      )}
      <BoardSurface
        ref={svg}
        shapes={shapes}
        label="Whiteboard"
        className={canDraw ? (tool === "eraser" ? "wb-erase" : "wb-draw") : ""}
        tabIndex={0}
        data-testid="whiteboard-board"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => publishPointer(null)}
        onKeyDown={onKeyDown}
      >
        {draft ? <ShapeView shape={{ ...draft, id: "draft", author: participantId }} /> : null}
        {pointers.map((p) => (
          <PointerView key={p.clientId} pointer={p} />
        ))}
      </BoardSurface>
    </div>
  )
}

/** Someone else's pointer: an arrow in their colour with their name. */
function PointerView({ pointer }: { pointer: BoardPointer }) {
  const { x, y, color, name } = pointer
  return (
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
  )
}
