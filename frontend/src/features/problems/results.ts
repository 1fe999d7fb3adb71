// Counting a submission's results as its viewer may see them (pure; tested).
import type { Submission } from "./api"

/** Passed and total tests of a submission: samples plus hidden (counts only for candidates). */
export function submissionTally(s: Submission): { passed: number; total: number } {
  if ("results" in s && s.view === "full") return { passed: s.passed, total: s.total }
  const samplesPassed = s.samples.filter((r) => r.verdict === "accepted").length
  return { passed: samplesPassed + s.hidden_passed, total: s.samples.length + s.hidden_total }
}
