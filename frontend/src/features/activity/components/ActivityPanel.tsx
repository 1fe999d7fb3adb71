import { ErrorText } from "@/components/ui/ErrorText"
import { Options } from "@/components/ui/SelectField"
import type { RoomEvents } from "@/lib/room-protocol"
import { useState } from "react"
import { type ActivityKind, describeEvent, formatClock } from "../describe"
import { useActivity } from "../hooks/useActivity"
import "./activity.css"

const FILTERS: Array<{ value: ActivityKind | "all"; label: string }> = [
  { value: "all", label: "Everything" },
  { value: "proctor", label: "Integrity signals" },
  { value: "run", label: "Runs" },
  { value: "submission", label: "Submissions" },
  { value: "presence", label: "Joins and leaves" },
  { value: "chat", label: "Chat" },
]

/** Staff view of the room's timeline: joins, runs, submissions and integrity signals. */
export function ActivityPanel({
  roomId,
  events,
  nameOf,
}: {
  roomId: string
  events: RoomEvents
  nameOf: (participantId: string | null | undefined) => string
}) {
  const { log, error } = useActivity(roomId, events)
  const [filter, setFilter] = useState<ActivityKind | "all">("all")
  const lines = log
    .map((event) => ({ event, line: describeEvent(event, nameOf) }))
    .filter(({ line }) => line !== null && (filter === "all" || line.kind === filter))
    .reverse()
  return (
    <div className="panel activity-panel">
      <label className="small">
        Show{" "}
        <select value={filter} onChange={(e) => setFilter(e.target.value as ActivityKind | "all")}>
          <Options options={FILTERS} />
        </select>
      </label>
      <ErrorText error={error} />
      {lines.length === 0 ? <p className="muted small">Nothing yet.</p> : null}
      <ol className="activity" data-testid="activity-log" aria-label="Activity log">
        {lines.map(({ event, line }) => (
          <li key={event.seq} className={`activity-item activity-${line!.kind}`}>
            <time className="muted small" dateTime={new Date(event.ts * 1000).toISOString()}>
              {formatClock(event.ts)}
            </time>{" "}
            <span>{line!.text}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}
