import type { ReactNode } from "react"
import type { Lane, Marker } from "../api"

const LANE_H = 26
const LABEL_W = 110
const WIDTH = 1000

// What someone did, to follow their name: "Gus ran the code".
const MARKER_LABEL: Record<Marker["kind"], string> = {
  run: "ran the code",
  tests: "ran the sample tests",
  submission: "submitted",
  chat: "said",
  paste: "pasted",
  tab_away: "left the tab",
  tab_back: "came back to the tab",
  blur: "left the window",
  focus: "came back to the window",
  join: "joined",
  leave: "left",
}

function details(marker: Marker): string {
  const data = marker.data as Record<string, unknown>
  if (marker.kind === "paste" && typeof data.chars === "number") return ` ${data.chars} characters`
  if (marker.kind === "submission" && typeof data.score === "number") {
    // The judge's score is a percentage.
    const tests = typeof data.total === "number" ? `, ${data.passed}/${data.total} tests` : ""
    return ` (${data.score}%${tests})`
  }
  if (marker.kind === "chat" && typeof data.text === "string") return ` “${data.text}”`
  if (marker.kind === "tests" && typeof data.total === "number") {
    return ` (${data.passed}/${data.total} passed)`
  }
  return ""
}

/** The marker as a sentence: "Gus Guest pasted 120 characters" ("Joined" without a lane). */
export function markerLabel(marker: Marker, lanes: Lane[]): string {
  const who = lanes.find((l) => l.id === marker.participant_id)?.name
  const text = `${who ? `${who} ` : ""}${MARKER_LABEL[marker.kind]}${details(marker)}`
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function MarkerShape({ kind, x, y }: { kind: Marker["kind"]; x: number; y: number }) {
  switch (kind) {
    case "run":
      return <polygon points={`${x - 5},${y - 6} ${x + 6},${y} ${x - 5},${y + 6}`} />
    case "submission":
      return <rect x={x - 5} y={y - 5} width={10} height={10} />
    case "chat":
      return <circle cx={x} cy={y} r={4} />
    case "tests":
      return <circle cx={x} cy={y} r={5} />
    case "paste":
      return <rect x={x - 4} y={y - 7} width={8} height={14} rx={2} />
    case "tab_away":
    case "tab_back":
    case "blur":
    case "focus":
      return <polygon points={`${x},${y - 6} ${x + 6},${y + 5} ${x - 6},${y + 5}`} />
    default:
      return <line x1={x} x2={x} y1={y - 7} y2={y + 7} strokeWidth={2} />
  }
}

// One entry per shape and colour: the tab and the window share one, and so do join and leave.
const LEGEND: [Marker["kind"], string][] = [
  ["run", "Run"],
  ["tests", "Sample tests"],
  ["submission", "Submission"],
  ["chat", "Chat message"],
  ["paste", "Paste"],
  ["tab_away", "Left or came back to the tab or window"],
  ["join", "Joined or left"],
]

function LegendIcon({ children }: { children: ReactNode }) {
  return (
    <svg className="legend-icon" viewBox="-8 -8 16 16" aria-hidden="true">
      {children}
    </svg>
  )
}

/** What the timeline's ticks, shapes and colours stand for. */
export function TimelineLegend() {
  return (
    <ul className="replay-legend small" aria-label="Timeline legend">
      <li>
        <LegendIcon>
          <line y1={-5} y2={5} stroke="#888" />
        </LegendIcon>
        Edit (in the author's colour)
      </li>
      {LEGEND.map(([kind, text]) => (
        <li key={kind}>
          <LegendIcon>
            <g className={`marker marker-${kind}`}>
              <MarkerShape kind={kind} x={0} y={0} />
            </g>
          </LegendIcon>
          {text}
        </li>
      ))}
      <li>
        <LegendIcon>
          <line className="playhead" y1={-7} y2={7} />
        </LegendIcon>
        Playhead
      </li>
    </ul>
  )
}

/**
 * One lane per participant: a tick per edit, a shape per marker, the playhead. Clicking
 * the drawing moves the playhead; clicking a marker selects it.
 */
export function Timeline({
  lanes,
  edits,
  markers,
  start,
  end,
  position,
  onSeek,
  onMarker,
}: {
  lanes: Lane[]
  edits: { t: number; participantId: string | null }[]
  markers: Marker[]
  start: number
  end: number
  position: number
  onSeek: (t: number) => void
  onMarker: (marker: Marker) => void
}) {
  const span = Math.max(end - start, 1)
  const x = (t: number) => LABEL_W + ((t - start) / span) * (WIDTH - LABEL_W - 10)
  const rows = [...lanes.map((lane) => lane.id), null]
  const laneY = (id: string | null) => {
    const i = rows.indexOf(id)
    return (i < 0 ? rows.length - 1 : i) * LANE_H + LANE_H / 2
  }
  const height = rows.length * LANE_H
  // One tick per lane and pixel column: a long room has far more edits than pixels.
  const ticks = [
    ...new Map(
      edits.map((edit) => {
        const px = Math.round(x(edit.t))
        const key = `${edit.participantId ?? ""}@${px}`
        return [key, { key, px, participantId: edit.participantId }] as const
      }),
    ).values(),
  ]
  const seekFromClick = (e: React.MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect()
    const px = ((e.clientX - box.left) / box.width) * WIDTH
    if (px >= LABEL_W) onSeek(start + ((px - LABEL_W) / (WIDTH - LABEL_W - 10)) * span)
  }
  return (
    <svg
      className="replay-timeline"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label="Timeline"
      onClick={seekFromClick}
      onKeyDown={() => undefined}
    >
      {rows.map((id) => {
        const lane = lanes.find((l) => l.id === id)
        const y = laneY(id)
        return (
          <g key={id ?? "room"} data-testid="replay-lane">
            <line className="lane-line" x1={LABEL_W} x2={WIDTH - 10} y1={y} y2={y} />
            <text x={4} y={y + 4} className="lane-label">
              {lane ? lane.name : "Room"}
            </text>
          </g>
        )
      })}
      {ticks.map(({ key, px, participantId }) => {
        const color = lanes.find((l) => l.id === participantId)?.color ?? "#888"
        const y = laneY(participantId)
        return <line key={key} x1={px} x2={px} y1={y - 5} y2={y + 5} stroke={color} />
      })}
      {markers.map((marker, i) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the marker list below is the keyboard path
        <g
          // biome-ignore lint/suspicious/noArrayIndexKey: markers never reorder
          key={i}
          className={`marker marker-${marker.kind}`}
          data-testid="replay-marker"
          data-kind={marker.kind}
          onClick={(e) => {
            e.stopPropagation()
            onMarker(marker)
          }}
        >
          <title>{markerLabel(marker, lanes)}</title>
          <MarkerShape
            kind={marker.kind}
            x={x(Date.parse(marker.ts))}
            y={laneY(marker.participant_id ?? null)}
          />
        </g>
      ))}
      <line className="playhead" x1={x(position)} x2={x(position)} y1={0} y2={height} />
    </svg>
  )
}
