import { ErrorText } from "@/components/ui/ErrorText"
import { ApiError } from "@/lib/http"
import { type Scorecards, useNotes, useScorecards } from "../api"
import { RATING_LABELS, meanLabel, summarize } from "../scorecard"
import { Markdown } from "./Markdown"
import { ScorecardCard } from "./ScorecardCard"
import "./notes.css"

/** Why the report cannot be shown, in words (null when it can). */
export function reportRefusal(error: unknown): string | null {
  if (!error) return null
  if (error instanceof ApiError && error.status === 403) {
    return "Only the room's host and interviewers can read its report."
  }
  if (error instanceof ApiError && error.status === 404) return "There is no such room."
  if (error instanceof ApiError && error.status === 401) return "Sign in to read this report."
  return error instanceof Error ? error.message : "The report could not be loaded."
}

/** The scorecards section of a room's report: summary, then every card the caller may see. */
export function ScorecardReport({ roomId }: { roomId: string }) {
  const scorecards = useScorecards(roomId, false)
  if (scorecards.error) return <ErrorText error={scorecards.error} />
  if (!scorecards.data) return <p className="muted">Loading scorecards…</p>
  const data = scorecards.data
  const cards = [data.mine, ...data.others].filter((c) => c.status === "submitted")
  // Others' cards are hidden only from a caller who has not submitted one, so then `cards` is
  // empty: the report says either how many are hidden or that there are none, never both.
  const hidden = data.others_visible ? 0 : data.others_submitted
  return (
    <section className="card" aria-label="Scorecards" data-testid="report-scorecards">
      <h2>Scorecards</h2>
      {cards.length > 0 ? (
        <>
          <Summary data={data} />
          <div className="report-cards">
            {cards.map((card) => (
              <ScorecardCard key={card.participant_id} card={card} criteria={data.criteria} />
            ))}
          </div>
        </>
      ) : hidden > 0 ? (
        <p className="scorecard-locked small" data-testid="scorecards-locked">
          {hidden} other scorecard{hidden === 1 ? "" : "s"} submitted. Submit yours (in the room's
          Scorecard panel) to see them: ratings are independent.
        </p>
      ) : (
        <p className="muted">No scorecards submitted.</p>
      )}
    </section>
  )
}

function Summary({ data }: { data: Scorecards }) {
  const rows = summarize(data.criteria, [data.mine, ...data.others])
  return (
    <table className="report-table" data-testid="report-summary">
      <caption className="sr-only">Ratings across the submitted scorecards</caption>
      <thead>
        <tr>
          <th scope="col">Criterion</th>
          {data.ratings.map((r) => (
            <th key={r} scope="col" className={`rating-${r}`}>
              {RATING_LABELS[r]}
            </th>
          ))}
          <th scope="col">Average</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {data.ratings.map((r) => (
              <td key={r} className="num">
                {row.counts[r] || ""}
              </td>
            ))}
            <td>{meanLabel(row.mean)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The notes section of a room's report: the caller's and those other staff shared. */
export function NotesReport({ roomId }: { roomId: string }) {
  const notes = useNotes(roomId, false)
  if (notes.error) return <ErrorText error={notes.error} />
  if (!notes.data) return <p className="muted">Loading notes…</p>
  const all = [notes.data.mine, ...notes.data.shared].filter((n) => n.body.trim())
  return (
    <section className="card" aria-label="Interviewer notes" data-testid="report-notes">
      <h2>Notes</h2>
      {all.length === 0 ? <p className="muted">No notes.</p> : null}
      {all.map((note) => (
        <article key={note.participant_id} className="shared-note">
          <header className="small muted">
            {note.mine ? "Your notes" : note.author_name}
            {note.mine && note.private ? " · visible only to you" : ""}
          </header>
          <Markdown source={note.body} />
        </article>
      ))}
    </section>
  )
}
