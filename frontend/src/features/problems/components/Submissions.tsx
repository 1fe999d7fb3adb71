import { formatMemory, formatTime, verdictLabel } from "@/lib/format"
import { type SubmissionFull, isFullSubmission, useSubmissions } from "../api"

function Breakdown({ s }: { s: SubmissionFull }) {
  return (
    <table className="tests-table small" aria-label={`Tests of ${s.display_name}'s submission`}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Kind</th>
          <th scope="col">Verdict</th>
          <th scope="col">Time</th>
          <th scope="col">Memory</th>
        </tr>
      </thead>
      <tbody>
        {s.results.map((r) => (
          <tr key={r.position} data-testid="submission-test">
            <td>{r.position}</td>
            <td>{r.is_sample ? "sample" : "hidden"}</td>
            <td className={r.verdict === "accepted" ? "pass" : "fail"}>
              {verdictLabel(r.verdict)}
            </td>
            <td>{formatTime(r.time_ms)}</td>
            <td>{formatMemory(r.memory_kb)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Staff: every submission of the room with score and per-test runtime. */
export function Submissions({ roomId }: { roomId: string }) {
  const submissions = useSubmissions(roomId)
  const items = (submissions.data ?? []).filter(isFullSubmission)
  return (
    <section aria-label="Submissions" className="submissions" data-testid="submissions">
      <h3>Submissions</h3>
      {items.length === 0 ? <p className="muted small">No submissions yet.</p> : null}
      {items.map((s) => (
        <details key={s.id} className="submission" open={s === items[0]}>
          <summary>
            {s.display_name} · {s.language} · {verdictLabel(s.verdict)} · {s.passed}/{s.total} tests
            · score {s.score}
          </summary>
          {s.compile_output ? <pre className="stream-text">{s.compile_output}</pre> : null}
          <Breakdown s={s} />
        </details>
      ))}
    </section>
  )
}
