import { Button } from "@/components/ui/Button"
import { ConfirmButton } from "@/components/ui/ConfirmButton"
import type { ShapeKind } from "../board"

export type Tool = "select" | ShapeKind | "eraser"

const TOOLS: { id: Tool; label: string }[] = [
  { id: "select", label: "Select" },
  { id: "pen", label: "Pen" },
  { id: "line", label: "Line" },
  { id: "arrow", label: "Arrow" },
  { id: "rect", label: "Rectangle" },
  { id: "ellipse", label: "Ellipse" },
  { id: "text", label: "Text" },
  { id: "eraser", label: "Eraser" },
]

export const COLORS = [
  { value: "#1f2937", name: "Black" },
  { value: "#dc2626", name: "Red" },
  { value: "#2563eb", name: "Blue" },
  { value: "#16a34a", name: "Green" },
  { value: "#ea580c", name: "Orange" },
  { value: "#9333ea", name: "Purple" },
]

export interface ToolbarAction {
  label: string
  name: string
  enabled: boolean
  run: () => void
}

/**
 * Tools, colours and actions (undo, redo, delete the selection); clearing the whole board is
 * offered only when `onClear` is given.
 */
export function Toolbar({
  tool,
  onTool,
  color,
  onColor,
  actions,
  disabled,
  onClear,
}: {
  tool: Tool
  onTool: (tool: Tool) => void
  color: string
  onColor: (color: string) => void
  actions: ToolbarAction[]
  disabled: boolean
  onClear: (() => void) | null
}) {
  return (
    <div className="wb-toolbar row" role="toolbar" aria-label="Whiteboard tools">
      {TOOLS.map((t) => (
        <Button
          key={t.id}
          variant="ghost"
          aria-pressed={tool === t.id}
          disabled={disabled}
          onClick={() => onTool(t.id)}
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
            disabled={disabled}
            onClick={() => onColor(c.value)}
          />
        ))}
      </fieldset>
      {actions.map((action) => (
        <Button
          key={action.label}
          variant="ghost"
          aria-label={action.name}
          disabled={disabled || !action.enabled}
          onClick={action.run}
        >
          {action.label}
        </Button>
      ))}
      {onClear && !disabled ? (
        <ConfirmButton
          label="Clear"
          ariaLabel="Clear the whiteboard"
          question="Clear the whiteboard for everyone? Your Undo brings it back."
          confirmLabel="Clear board"
          onConfirm={onClear}
        />
      ) : null}
    </div>
  )
}
