import type { ReactNode, SVGProps } from "react"
import { BOARD_HEIGHT, BOARD_WIDTH, type Shape } from "../board"
import { TEXT_SIZE, arrowHead, bounds, handles } from "../geometry"
import "./whiteboard.css"

const pairs = (points: number[]) => points.join(" ")

/**
 * One shape as SVG, in board coordinates; a "draft" is one still being dragged out (ours, or
 * someone else's seen through awareness) and is drawn fainter.
 */
export function ShapeView({ shape, draft = false }: { shape: Shape; draft?: boolean }) {
  const { kind, color, width } = shape
  const tag = {
    "data-testid": draft ? "wb-draft" : "wb-shape",
    "data-kind": kind,
    "data-id": shape.id,
  }
  const common = {
    stroke: color,
    strokeWidth: width,
    fill: "none",
    strokeLinecap: "round" as const,
    strokeLinejoin: "round" as const,
    opacity: draft ? 0.6 : undefined,
    ...tag,
  }
  const [x1 = 0, y1 = 0, x2 = x1, y2 = y1] = shape.points
  switch (kind) {
    case "text":
      return (
        <text
          x={x1}
          y={y1}
          fill={color}
          fontSize={TEXT_SIZE}
          dominantBaseline="hanging"
          className="wb-label"
          {...tag}
        >
          {shape.text}
        </text>
      )
    case "pen":
      return shape.points.length === 2 ? (
        <circle cx={x1} cy={y1} r={width / 2} {...common} fill={color} />
      ) : (
        <polyline points={pairs(shape.points)} {...common} />
      )
    case "line":
      return <line x1={x1} y1={y1} x2={x2} y2={y2} {...common} />
    case "arrow": {
      const [a = 0, b = 0, , , c = 0, d = 0] = arrowHead(shape.points, 10 + width * 3)
      return <path d={`M${x1} ${y1}L${x2} ${y2}M${a} ${b}L${x2} ${y2}L${c} ${d}`} {...common} />
    }
    case "rect":
      return (
        <rect
          x={Math.min(x1, x2)}
          y={Math.min(y1, y2)}
          width={Math.abs(x2 - x1)}
          height={Math.abs(y2 - y1)}
          {...common}
        />
      )
    case "ellipse":
      return (
        <ellipse
          cx={(x1 + x2) / 2}
          cy={(y1 + y2) / 2}
          rx={Math.abs(x2 - x1) / 2}
          ry={Math.abs(y2 - y1) / 2}
          {...common}
        />
      )
  }
}

/**
 * The board's drawing surface: a fixed 1600 × 1000 coordinate space scaled to the element's
 * size (letterboxed), white like paper in either theme so colours read the same for everyone.
 */
export function BoardSurface({
  shapes,
  label,
  children,
  ...rest
}: {
  shapes: Shape[]
  label: string
  children?: ReactNode
} & SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox={`0 0 ${BOARD_WIDTH} ${BOARD_HEIGHT}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={label}
      {...rest}
      className={`wb-board ${rest.className ?? ""}`}
    >
      <title>{label}</title>
      <rect className="wb-paper" width={BOARD_WIDTH} height={BOARD_HEIGHT} />
      {shapes.map((shape) => (
        <ShapeView key={shape.id} shape={shape} />
      ))}
      {children}
    </svg>
  )
}

// Selection chrome in board units: the frame's gap around the shape and the handles' size.
const FRAME_GAP = 8
const HANDLE_SIZE = 14

/** The selected shape's frame and its resize handles. */
export function SelectionView({ shape }: { shape: Shape }) {
  const box = bounds(shape)
  return (
    <g className="wb-selection" data-testid="wb-selection" data-id={shape.id}>
      <rect
        className="wb-frame"
        x={box.x1 - FRAME_GAP}
        y={box.y1 - FRAME_GAP}
        width={box.x2 - box.x1 + 2 * FRAME_GAP}
        height={box.y2 - box.y1 + 2 * FRAME_GAP}
      />
      {handles(shape).map((h) => (
        <rect
          key={h.handle}
          className="wb-handle"
          data-testid="wb-handle"
          data-handle={h.handle}
          x={h.x - HANDLE_SIZE / 2}
          y={h.y - HANDLE_SIZE / 2}
          width={HANDLE_SIZE}
          height={HANDLE_SIZE}
          rx={3}
        />
      ))}
    </g>
  )
}
