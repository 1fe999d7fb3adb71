import { useEffect, useRef, useState } from "react"
import { BOARD_WIDTH, MAX_TEXT } from "../board"
import { TEXT_SIZE } from "../geometry"

// The box's padding and border in board units: the text inside sits where the label will.
const PAD = 6

/**
 * A text label being typed or edited, in place on the board (inside the SVG, so it scales with
 * it). Enter or leaving the box commits, Escape cancels; `onDone` runs once, with the text or
 * null when cancelled.
 */
export function LabelEditor({
  at,
  initial,
  color,
  onDone,
}: {
  at: [number, number]
  initial: string
  color: string
  onDone: (text: string | null) => void
}) {
  const [text, setText] = useState(initial)
  const input = useRef<HTMLInputElement>(null)
  const done = useRef(false)
  const finish = (value: string | null) => {
    if (done.current) return
    done.current = true
    onDone(value)
  }
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])
  return (
    <foreignObject
      x={at[0] - PAD}
      y={at[1] - PAD}
      width={BOARD_WIDTH - at[0] + PAD}
      height={TEXT_SIZE * 1.25 + 2 * PAD}
      // The board below must not start a gesture (or take the focus) on a click in the box.
      onPointerDown={(e) => e.stopPropagation()}
    >
      <input
        ref={input}
        className="wb-label-input"
        aria-label="Label text"
        value={text}
        maxLength={MAX_TEXT}
        size={Math.max(6, text.length + 1)}
        style={{ color, fontSize: TEXT_SIZE, padding: PAD - 1 }}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Delete, Backspace and Ctrl+Z belong to the text here, not to the board.
          e.stopPropagation()
          if (e.key === "Enter") finish(text)
          else if (e.key === "Escape") finish(null)
        }}
        onBlur={() => finish(text)}
      />
    </foreignObject>
  )
}
