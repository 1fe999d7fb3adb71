import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import type { RoomEvents } from "@/lib/room-protocol"
import { useState } from "react"
import { type RoomProblem, isFull, useRoomProblem } from "../api"
import { useProblemEvents } from "../hooks/useProblemEvents"
import { ProblemPicker } from "./ProblemPicker"
import { Statement } from "./Statement"
import { Submissions } from "./Submissions"
import "./problems.css"

function Samples({ problem }: { problem: RoomProblem }) {
  if (problem.samples.length === 0) return null
  return (
    <section aria-label="Examples" className="samples">
      <h3>Examples</h3>
      {problem.samples.map((t) => (
        <div key={t.position} className="sample">
          <h4 className="small">Input</h4>
          <pre className="stream-text">{t.stdin}</pre>
          <h4 className="small">Output</h4>
          <pre className="stream-text">{t.expected_stdout}</pre>
        </div>
      ))}
    </section>
  )
}

function StaffExtras({ problem }: { problem: RoomProblem }) {
  if (!isFull(problem)) return null
  const hidden = problem.tests.filter((t) => !t.is_sample).length
  return (
    <details className="staff-only">
      <summary>For interviewers: {hidden} hidden tests, reference solutions</summary>
      {Object.entries(problem.solutions).map(([language, code]) => (
        <div key={language}>
          <h4 className="small">{language}</h4>
          <pre className="stream-text">{code}</pre>
        </div>
      ))}
    </details>
  )
}

/**
 * The room's problem: statement and examples for everyone; for staff the library picker
 * ("Use in room"), hidden-test count, reference solutions and every submission.
 */
export function ProblemPanel({
  roomId,
  events,
  isStaff,
  canPick,
  onAttached,
}: {
  roomId: string
  events: RoomEvents
  isStaff: boolean
  /** Whether this browser can open the library (it needs an account). */
  canPick: boolean
  /** Called on the browser that attached a problem (it inserts the starter code). */
  onAttached: (problem: RoomProblem) => void
}) {
  useProblemEvents(roomId, events)
  const problem = useRoomProblem(roomId)
  const [picking, setPicking] = useState(false)
  const current = problem.data ?? null
  const showPicker = isStaff && canPick && (picking || (problem.isSuccess && current === null))
  return (
    <div className="panel problem-panel">
      <ErrorText error={problem.error} />
      {showPicker ? (
        <ProblemPicker
          roomId={roomId}
          onAttached={(p) => {
            setPicking(false)
            onAttached(p)
          }}
          onClose={current ? () => setPicking(false) : undefined}
        />
      ) : null}
      {current === null && problem.isSuccess && !isStaff ? (
        <p className="muted">No problem has been set for this room.</p>
      ) : null}
      {current ? (
        <article aria-label="Problem" data-testid="problem">
          <div className="row">
            <h2 className="problem-name">{current.title}</h2>
            <span className={`difficulty difficulty-${current.difficulty} small`}>
              {current.difficulty}
            </span>
            {isStaff && canPick && !picking ? (
              <Button variant="ghost" onClick={() => setPicking(true)}>
                Change problem
              </Button>
            ) : null}
          </div>
          <Statement source={current.statement} />
          <Samples problem={current} />
          {current.hidden_count > 0 ? (
            <p className="muted small">Submitting also runs {current.hidden_count} hidden tests.</p>
          ) : null}
          <StaffExtras problem={current} />
        </article>
      ) : null}
      {isStaff && current ? <Submissions roomId={roomId} /> : null}
    </div>
  )
}
