// Scorecard vocabulary and the arithmetic of the report (pure; see scorecard.test.ts).
import type { Criterion, Rating, Scorecard, ScorecardIn } from "./api"

export const CRITERION_LABELS: Record<Criterion, string> = {
  problem_solving: "Problem solving",
  communication: "Communication",
  code_quality: "Code quality",
  testing: "Testing & debugging",
}

export const RATING_LABELS: Record<Rating, string> = {
  strong_no: "Strong No",
  no: "No",
  mixed: "Mixed",
  yes: "Yes",
  strong_yes: "Strong Yes",
}

const SCORE: Record<Rating, number> = { strong_no: 1, no: 2, mixed: 3, yes: 4, strong_yes: 5 }

/** The fields still unrated (a scorecard is submitted only with none). */
export function missingFields(criteria: readonly Criterion[], card: ScorecardIn): string[] {
  const missing: string[] = criteria.filter((c) => !card.ratings?.[c])
  if (!card.overall) missing.push("overall")
  return missing
}

export interface SummaryRow {
  key: Criterion | "overall"
  label: string
  /** How many scorecards gave each rating, in the scale's order. */
  counts: Record<Rating, number>
  /** Mean on the 1 (Strong No) – 5 (Strong Yes) scale, null when nobody rated it. */
  mean: number | null
}

function row(key: SummaryRow["key"], label: string, ratings: (Rating | null | undefined)[]) {
  const counts: Record<Rating, number> = { strong_no: 0, no: 0, mixed: 0, yes: 0, strong_yes: 0 }
  const given = ratings.filter((r): r is Rating => !!r)
  for (const r of given) counts[r] += 1
  const mean = given.length ? given.reduce((sum, r) => sum + SCORE[r], 0) / given.length : null
  return { key, label, counts, mean }
}

/** Per criterion and overall: the spread of ratings across submitted scorecards. */
export function summarize(criteria: readonly Criterion[], cards: Scorecard[]): SummaryRow[] {
  const submitted = cards.filter((c) => c.status === "submitted")
  return [
    ...criteria.map((c) =>
      row(
        c,
        CRITERION_LABELS[c] ?? c,
        submitted.map((s) => s.ratings[c]),
      ),
    ),
    row(
      "overall",
      "Overall",
      submitted.map((s) => s.overall),
    ),
  ]
}

/** The mean as the nearest rating's words ("Yes (4.3)"). */
export function meanLabel(mean: number | null): string {
  if (mean === null) return "—"
  const nearest = (Object.keys(SCORE) as Rating[]).reduce((best, r) =>
    Math.abs(SCORE[r] - mean) < Math.abs(SCORE[best] - mean) ? r : best,
  )
  return `${RATING_LABELS[nearest]} (${mean.toFixed(1)})`
}
