import { ErrorText } from "@/components/ui/ErrorText"
import { formatDuration, verdictLabel } from "@/lib/format"
import { useRoomResults } from "../api"

/** The room report's code section: each candidate's submissions and best score. */
export function RoomResults({ roomId }: { roomId: string }) {
  const results = useRoomResults(roomId)
  if (results.error) return <ErrorText error={results.error} />
  if (!results.data) return <p className="muted">Loading results…</p>
  const rows = results.data.rows
  return (
    <section className="card" aria-label="Code submissions" data-testid="report-results">
      <h2>Code submissions</h2>
      {rows.every((r) => r.attempts === 0) ? (
        <p className="muted">
          {results.data.problem_id ? "Nobody submitted code." : "No problem was used in this room."}
        </p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Attempts</th>
              <th scope="col">Best score</th>
              <th scope="col">Best verdict</th>
              <th scope="col">First full pass</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.participant_id}>
                <th scope="row">{row.display_name}</th>
                <td>{row.attempts}</td>
                <td>{row.best_score === null ? "—" : Math.round(row.best_score)}</td>
                <td>{row.best_verdict ? verdictLabel(row.best_verdict) : "—"}</td>
                <td>
                  {row.seconds_to_first_pass === null
                    ? "—"
                    : `after ${formatDuration(row.seconds_to_first_pass * 1000)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
