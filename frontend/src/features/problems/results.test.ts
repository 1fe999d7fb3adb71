import { describe, expect, it } from "vitest"
import type { Submission } from "./api"
import { renderMarkdown } from "./markdown"
import { submissionTally } from "./results"

const test = (verdict: string, is_sample = true) => ({
  position: 1,
  is_sample,
  weight: 1,
  verdict,
  time_ms: 1,
  memory_kb: 1,
  actual_stdout: "",
  stderr: "",
})
const base = {
  id: "s",
  room_id: "r",
  participant_id: "p",
  display_name: "Gus",
  problem_id: "x",
  problem_version: 1,
  language: "python",
  code: "",
  verdict: "wrong_answer",
  compile_output: "",
  created_at: "2026-01-01T00:00:00Z",
}

describe("submissionTally", () => {
  it("counts samples plus hidden for the candidate's view", () => {
    const s = {
      ...base,
      view: "public",
      samples: [test("accepted"), test("wrong_answer")],
      hidden_passed: 6,
      hidden_total: 8,
    } as Submission
    expect(submissionTally(s)).toEqual({ passed: 7, total: 10 })
  })

  it("uses the staff totals in the full view", () => {
    const s = {
      ...base,
      view: "full",
      samples: [],
      hidden_passed: 0,
      hidden_total: 0,
      results: [],
      passed: 3,
      total: 4,
      score: 75,
      time_ms: 1,
      memory_kb: 1,
    } as Submission
    expect(submissionTally(s)).toEqual({ passed: 3, total: 4 })
  })
})

describe("renderMarkdown", () => {
  it("renders Markdown", () => {
    expect(renderMarkdown("**bold** `x`")).toContain("<strong>bold</strong>")
  })

  it("drops scripts, handlers and javascript: links", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src=x onerror="alert(1)"><iframe src="//x"></iframe>\n\n[a](javascript:alert(1))',
    )
    expect(html).not.toMatch(/<script|onerror|href="javascript:|<iframe/i)
    expect(html).toContain("<a>a</a>")
  })
})
