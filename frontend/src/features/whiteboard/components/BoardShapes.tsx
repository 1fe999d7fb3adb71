import type { ReactNode, SVGProps } from "react"
import { BOARD_HEIGHT, BOARD_WIDTH, type Shape, arrowHead } from "../board"
import "./whiteboard.css"

const pairs = (points: number[]) => points.join(" ")

/** One shape as SVG, in board coordinates. */
export function ShapeView({ shape }: { shape: Shape }) {
  const { kind, color, width } = shape
  const common = {
    stroke: color,
    strokeWidth: width,
    fill: "none",
    strokeLinecap: "round" as const,
    strokeLinejoin: "round" as const,
    "data-testid": "wb-shape",
    "data-kind": kind,
  }
  const [x1 = 0, y1 = 0, x2 = x1, y2 = y1] = shape.points
  switch (kind) {
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
