import { formatMemory, formatTime, verdictLabel } from "@/lib/format"
import { useQueryClient } from "@tanstack/react-query"
import { type RunTestsResult, type Submission, outcomeKey, useOutcome } from "../api"
import { submissionTally } from "../results"

function SampleTable({ result }: { result: RunTestsResult }) {
  return (
    <table className="tests-table small" aria-label="Test results" data-testid="test-results">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Result</th>
          <th scope="col">Input</th>
          <th scope="col">Expected</th>
          <th scope="col">Actual</th>
          <th scope="col">Time</th>
        </tr>
      </thead>
      <tbody>
        {result.results.map((r) => (
          <tr key={r.position} data-testid="test-result" data-verdict={r.verdict}>
            <td>{r.position}</td>
            <td className={r.verdict === "accepted" ? "pass" : "fail"}>
              {r.verdict === "accepted" ? "Pass" : `Fail: ${verdictLabel(r.verdict)}`}
            </td>
            <td>
              <pre>{r.stdin}</pre>
            </td>
            <td>
              <pre>{r.expected_stdout}</pre>
            </td>
            <td>
              <pre>{r.actual_stdout}</pre>
              {r.stderr ? <pre className="stream-stderr">{r.stderr}</pre> : null}
            </td>
            <td>{formatTime(r.time_ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function SubmissionSummary({ result }: { result: Submission }) {
  const { passed, total } = submissionTally(result)
  return (
    <p data-testid="submission-result">
      <strong>Submitted</strong> · {verdictLabel(result.verdict)} ·{" "}
      <span data-testid="submission-tally">
        {passed}/{total} tests passed
      </span>
      {"score" in result ? ` · score ${result.score}` : null}
      {"memory_kb" in result ? ` · ${formatMemory(result.memory_kb)}` : null}
    </p>
  )
}

/** What the last Run tests / Submit of this browser gave. */
export function TestOutcome({ roomId }: { roomId: string }) {
  const client = useQueryClient()
  const outcome = useOutcome(roomId).data
  if (!outcome) return null
  return (
    <section className="test-outcome" aria-label="Tests" aria-live="polite">
      {outcome.kind === "tests" ? (
        <>
          <p>
            <strong>Run tests</strong> · {verdictLabel(outcome.result.verdict)} ·{" "}
            {outcome.result.passed}/{outcome.result.total} sample tests passed
          </p>
          {outcome.result.compile_output ? (
            <pre className="stream-text">{outcome.result.compile_output}</pre>
          ) : null}
          <SampleTable result={outcome.result} />
        </>
      ) : null}
      {outcome.kind === "submission" ? <SubmissionSummary result={outcome.result} /> : null}
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => client.setQueryData(outcomeKey(roomId), null)}
      >
        Hide
      </button>
    </section>
  )
}
