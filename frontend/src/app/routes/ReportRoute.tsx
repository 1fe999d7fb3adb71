import { NotesReport, ScorecardReport, reportRefusal } from "@/features/notes/components/RoomReport"
import { RoomResults } from "@/features/problems/components/RoomResults"
import { useRoom } from "@/features/rooms/api"
import { ApiError } from "@/lib/http"
import { Link, useParams } from "react-router"

const STAFF = new Set(["host", "interviewer"])

/** The page at /rooms/:roomId/report: a room's scorecards and notes, for its staff. */
export function ReportRoute() {
  const { roomId = "" } = useParams()
  const room = useRoom(roomId)
  const me = room.data?.me
  const refusal =
    reportRefusal(room.error) ??
    (room.data && !(me && me.status === "admitted" && STAFF.has(me.role))
      ? reportRefusal(new ApiError(403, "staff_only", ""))
      : null)
  if (refusal) {
    return (
      <main className="page center">
        <div className="card" role="alert" data-testid="report-refused">
          <h1>Room report</h1>
          <p>{refusal}</p>
          <Link to="/">Go to your rooms</Link>
        </div>
      </main>
    )
  }
  if (!room.data) return <main className="page center muted">Loading the report…</main>
  const ended = room.data.status === "ended"
  return (
    <main className="report-page" data-testid="report-page">
      <header className="row">
        <Link to="/" className="brand">
          coderoom
        </Link>
        <h1 style={{ flex: 1, margin: 0 }}>Report: {room.data.title}</h1>
        <Link to={`/rooms/${roomId}/replay`} className="btn btn-ghost">
          Replay
        </Link>
        <Link to={ended ? "/" : `/rooms/${roomId}`} className="btn btn-ghost">
          {ended ? "Your rooms" : "Back to the room"}
        </Link>
      </header>
      <p className="muted small">
        {ended && room.data.ended_at
          ? `Ended ${new Date(room.data.ended_at).toLocaleString()}.`
          : "This room is still going on; scorecards may still come in."}{" "}
        Visible to the room's host and interviewers only.
      </p>
      <ScorecardReport roomId={roomId} />
      <RoomResults roomId={roomId} />
      <NotesReport roomId={roomId} />
    </main>
  )
}
