import { describe, expect, it } from "vitest"
import { backoffDelay } from "./backoff"

describe("backoffDelay", () => {
  it("grows exponentially between half and the whole ceiling", () => {
    expect(backoffDelay(0, 500, 10_000, () => 0)).toBe(250)
    expect(backoffDelay(0, 500, 10_000, () => 1)).toBe(500)
    expect(backoffDelay(3, 500, 10_000, () => 1)).toBe(4000)
  })

  it("is capped, even for huge attempt counts", () => {
    expect(backoffDelay(50, 500, 10_000, () => 1)).toBe(10_000)
    expect(backoffDelay(1e9, 500, 10_000, () => 0)).toBe(5000)
  })
})
