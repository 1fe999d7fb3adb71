// The report's scorecards section says once what there is: the cards, how many are hidden
// from a caller who has not submitted, or that there are none.
import { mount } from "@/lib/mount.test-utils"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { describe, expect, it } from "vitest"
import type { Scorecard, Scorecards } from "../api"
import { ScorecardReport } from "./RoomReport"

const draft: Scorecard = {
  participant_id: "p1",
  author_name: "Ivy",
  role: "interviewer",
  ratings: {},
  overall: null,
  comment: "",
  status: "draft",
  mine: true,
  updated_at: null,
  submitted_at: null,
}

/** The section's text for `data`, already in the query cache (nothing is fetched). */
function report(data: Partial<Scorecards>): string {
  const client = new QueryClient({
    defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } },
  })
  client.setQueryData(["rooms", "r1", "scorecards"], {
    criteria: ["problem_solving"],
    ratings: ["no", "yes"],
    mine: draft,
    others: [],
    others_visible: false,
    others_submitted: 0,
    ...data,
  })
  const container = mount(
    <QueryClientProvider client={client}>
      <ScorecardReport roomId="r1" />
    </QueryClientProvider>,
  )
  return container.textContent ?? ""
}

describe("ScorecardReport", () => {
  it("says once that there are no scorecards", () => {
    const text = report({})
    expect(text).toContain("No scorecards submitted.")
    expect(text.match(/submitted/g)).toHaveLength(1)
  })

  it("says how many are hidden, not that there are none", () => {
    const text = report({ others_submitted: 2 })
    expect(text).toContain("2 other scorecards submitted. Submit yours")
    expect(text).not.toContain("No scorecards")
  })
})
