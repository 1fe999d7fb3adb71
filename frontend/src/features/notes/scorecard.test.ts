import { describe, expect, it } from "vitest"
import type { Scorecard } from "./api"
import { meanLabel, missingFields, summarize } from "./scorecard"

const CRITERIA = ["problem_solving", "communication", "code_quality", "testing"] as const

function card(overall: Scorecard["overall"], ratings: Scorecard["ratings"], status = "submitted") {
  return {
    participant_id: "p",
    author_name: "A",
    role: "interviewer",
    ratings,
    overall,
    comment: "",
    status,
    mine: false,
    updated_at: null,
    submitted_at: null,
  } as Scorecard
}

describe("missingFields", () => {
  it("lists unrated criteria and the overall recommendation", () => {
    expect(missingFields(CRITERIA, { ratings: { communication: "yes" } })).toEqual([
      "problem_solving",
      "code_quality",
      "testing",
      "overall",
    ])
    const all = Object.fromEntries(CRITERIA.map((c) => [c, "no" as const]))
    expect(missingFields(CRITERIA, { ratings: all, overall: "mixed" })).toEqual([])
  })
})

describe("summarize", () => {
  it("counts ratings and averages submitted scorecards only", () => {
    const rows = summarize(CRITERIA, [
      card("strong_yes", { problem_solving: "strong_yes", communication: "no" }),
      card("yes", { problem_solving: "yes" }),
      card("strong_no", { problem_solving: "strong_no" }, "draft"),
    ])
    const ps = rows.find((r) => r.key === "problem_solving")!
    expect(ps.counts).toEqual({ strong_no: 0, no: 0, mixed: 0, yes: 1, strong_yes: 1 })
    expect(ps.mean).toBe(4.5)
    expect(rows.find((r) => r.key === "testing")!.mean).toBeNull()
    const overall = rows.at(-1)!
    expect(overall.label).toBe("Overall")
    expect(overall.mean).toBe(4.5)
  })
})

describe("meanLabel", () => {
  it("names the nearest rating", () => {
    expect(meanLabel(null)).toBe("—")
    expect(meanLabel(4.5)).toBe("Yes (4.5)")
    expect(meanLabel(1.2)).toBe("Strong No (1.2)")
    expect(meanLabel(3)).toBe("Mixed (3.0)")
  })
})
