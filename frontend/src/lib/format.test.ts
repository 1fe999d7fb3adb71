import { describe, expect, it } from "vitest"
import { formatDuration, formatMemory, formatTime, verdictLabel, verdictTone } from "./format"

describe("verdictLabel", () => {
  it.each([
    ["ok", "Finished"],
    ["time_limit", "Time limit exceeded"],
    ["memory_limit", "Memory limit exceeded"],
    ["output_limit", "Output limit exceeded"],
    ["compile_error", "Compilation error"],
    ["runtime_error", "Runtime error"],
    ["wrong_answer", "Wrong answer"],
    ["accepted", "Accepted"],
  ])("%s → %s", (status, label) => {
    expect(verdictLabel(status)).toBe(label)
  })

  it("shows an unknown status as words", () => {
    expect(verdictLabel("presentation_error")).toBe("Presentation error")
    expect(verdictTone("presentation_error")).toBe("neutral")
    expect(verdictTone("time_limit")).toBe("bad")
    expect(verdictTone("ok")).toBe("ok")
  })
})

describe("formats", () => {
  it("formats time, memory and durations", () => {
    expect(formatTime(120)).toBe("120 ms")
    expect(formatTime(1500)).toBe("1.50 s")
    expect(formatMemory(800)).toBe("800 KB")
    expect(formatMemory(12_595)).toBe("12.3 MB")
    expect(formatDuration(4600)).toBe("5 s")
    expect(formatDuration(125_000)).toBe("2 min 5 s")
    expect(formatDuration(120_000)).toBe("2 min")
  })
})
