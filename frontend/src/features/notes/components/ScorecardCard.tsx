import type { Criterion, Scorecard } from "../api"
import { CRITERION_LABELS, RATING_LABELS } from "../scorecard"

/** One scorecard, read-only. */
export function ScorecardCard({ card, criteria }: { card: Scorecard; criteria: Criterion[] }) {
  return (
    <article className="scorecard-card" data-testid="scorecard-card" data-author={card.author_name}>
      <h4>
        {card.mine ? "Your scorecard" : card.author_name}{" "}
        <span className="muted small">
          {card.status === "submitted" && card.submitted_at
            ? `submitted ${new Date(card.submitted_at).toLocaleString()}`
            : card.status}
        </span>
      </h4>
      <dl className="scorecard-ratings">
        {criteria.map((c) => {
          const rating = card.ratings[c]
          return (
            <div key={c} style={{ display: "contents" }}>
              <dt>{CRITERION_LABELS[c] ?? c}</dt>
              <dd className={rating ? `rating-${rating}` : "muted"}>
                {rating ? RATING_LABELS[rating] : "—"}
              </dd>
            </div>
          )
        })}
        <dt>Overall</dt>
        <dd className={card.overall ? `rating-${card.overall}` : "muted"} data-testid="overall">
          {card.overall ? RATING_LABELS[card.overall] : "—"}
        </dd>
      </dl>
      {card.comment ? <p className="small scorecard-comment-text">{card.comment}</p> : null}
    </article>
  )
}
