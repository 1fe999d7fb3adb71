import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { useId, useState } from "react"
import {
  type Criterion,
  type Rating,
  type ScorecardIn,
  type Scorecards,
  useSaveScorecard,
  useScorecards,
} from "../api"
import { CRITERION_LABELS, RATING_LABELS, missingFields } from "../scorecard"
import { ScorecardCard } from "./ScorecardCard"
import "./notes.css"

const MAX_COMMENT = 5000

/** The caller's scorecard (draft, then submit: final) and, once submitted, the others'. */
export function ScorecardPanel({ roomId }: { roomId: string }) {
  const scorecards = useScorecards(roomId)
  if (scorecards.isPending) return <p className="panel muted small">Loading scorecard…</p>
  if (scorecards.error) return <ErrorText error={scorecards.error} />
  const data = scorecards.data
  return (
    <div className="panel scorecard-panel" data-testid="scorecard-panel">
      {data.mine.status === "submitted" ? (
        <ScorecardCard card={data.mine} criteria={data.criteria} />
      ) : (
        <ScorecardForm roomId={roomId} data={data} />
      )}
      <OtherScorecards data={data} />
    </div>
  )
}

function ScorecardForm({ roomId, data }: { roomId: string; data: Scorecards }) {
  const id = useId()
  const save = useSaveScorecard(roomId)
  const [form, setForm] = useState<ScorecardIn>({
    ratings: data.mine.ratings,
    overall: data.mine.overall,
    comment: data.mine.comment,
  })
  const [confirming, setConfirming] = useState(false)
  const [savedAt, setSavedAt] = useState<string | null>(data.mine.updated_at ?? null)
  const missing = missingFields(data.criteria, form)
  const rate = (key: Criterion | "overall", rating: Rating) => {
    setConfirming(false)
    setForm((f) =>
      key === "overall"
        ? { ...f, overall: rating }
        : { ...f, ratings: { ...f.ratings, [key]: rating } },
    )
  }
  const send = (submit: boolean) =>
    save.mutate(
      { body: form, submit },
      { onSuccess: (card) => setSavedAt(card.updated_at ?? null) },
    )
  return (
    <form
      className="scorecard-form"
      aria-label="Your scorecard"
      onSubmit={(e) => {
        e.preventDefault()
        setConfirming(true)
      }}
    >
      {[...data.criteria, "overall" as const].map((key) => (
        <fieldset key={key} className="rating-group">
          <legend>
            {key === "overall" ? "Overall recommendation" : (CRITERION_LABELS[key] ?? key)}
          </legend>
          <div className="rating-scale">
            {data.ratings.map((rating) => (
              <label key={rating}>
                <input
                  type="radio"
                  name={`${id}-${key}`}
                  value={rating}
                  checked={(key === "overall" ? form.overall : form.ratings?.[key]) === rating}
                  onChange={() => rate(key, rating)}
                />
                {RATING_LABELS[rating]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label htmlFor={`${id}-comment`} className="small">
        Comment
      </label>
      <textarea
        id={`${id}-comment`}
        className="scorecard-comment"
        maxLength={MAX_COMMENT}
        placeholder="What stood out; evidence for your ratings."
        value={form.comment ?? ""}
        onChange={(e) => setForm((f) => ({ ...f, comment: e.target.value }))}
      />
      <ErrorText error={save.error} />
      {confirming ? (
        <div className="scorecard-confirm" role="alertdialog" aria-label="Submit your scorecard?">
          <p className="small">
            Submitted scorecards are final: you cannot change it afterwards. You will then see the
            other interviewers' submitted scorecards.
          </p>
          <div className="row end">
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button
              variant="primary"
              disabled={save.isPending}
              onClick={() => {
                setConfirming(false)
                send(true)
              }}
            >
              Submit scorecard
            </Button>
          </div>
        </div>
      ) : (
        <div className="row end">
          <span className="muted small" data-testid="scorecard-status">
            {savedAt ? `Draft saved ${new Date(savedAt).toLocaleTimeString()}` : "Not saved yet"}
          </span>
          <Button disabled={save.isPending} onClick={() => send(false)}>
            Save draft
          </Button>
          <Button
            type="submit"
            variant="primary"
            disabled={missing.length > 0 || save.isPending}
            title={
              missing.length > 0 ? "Rate every criterion and the overall recommendation" : undefined
            }
          >
            Submit
          </Button>
        </div>
      )}
    </form>
  )
}

function OtherScorecards({ data }: { data: Scorecards }) {
  if (!data.others_visible) {
    return (
      <p className="scorecard-locked small" data-testid="scorecards-locked">
        {data.others_submitted === 0
          ? "No other interviewer has submitted a scorecard yet."
          : `${data.others_submitted} other interviewer${data.others_submitted === 1 ? " has" : "s have"} submitted.`}{" "}
        Ratings are independent: you see the others' scorecards once you have submitted yours.
      </p>
    )
  }
  if (data.others.length === 0) {
    return <p className="muted small">No other interviewer has submitted a scorecard yet.</p>
  }
  return (
    <section aria-label="Other interviewers' scorecards" className="scorecard-form">
      <h3 className="small">Other interviewers</h3>
      {data.others.map((card) => (
        <ScorecardCard key={card.participant_id} card={card} criteria={data.criteria} />
      ))}
    </section>
  )
}
