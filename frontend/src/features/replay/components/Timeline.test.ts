// The replay's event list and marker tooltips read as sentences, the name first.
import { describe, expect, it } from "vitest"
import type { Lane, Marker } from "../api"
import { markerLabel } from "./Timeline"

const lanes: Lane[] = [{ id: "p1", name: "Gus Guest", color: "#27c", role: "candidate" }]

function marker(kind: Marker["kind"], data: Record<string, unknown> = {}): Marker {
  return { kind, data, participant_id: "p1", ts: "2026-12-01T10:00:00Z" }
}

describe("markerLabel", () => {
  it("puts the name first, the rest in lower case", () => {
    expect(markerLabel(marker("run"), lanes)).toBe("Gus Guest ran the code")
    expect(markerLabel(marker("tab_away"), lanes)).toBe("Gus Guest left the tab")
    expect(markerLabel(marker("paste", { chars: 120 }), lanes)).toBe(
      "Gus Guest pasted 120 characters",
    )
    expect(markerLabel(marker("submission", { score: 80, passed: 4, total: 5 }), lanes)).toBe(
      "Gus Guest submitted (80%, 4/5 tests)",
    )
    expect(markerLabel(marker("chat", { text: "looks good" }), lanes)).toBe(
      "Gus Guest said “looks good”",
    )
  })

  it("starts with a capital when nobody's lane it is", () => {
    expect(markerLabel(marker("tests", { passed: 1, total: 2 }), [])).toBe(
      "Ran the sample tests (1/2 passed)",
    )
  })
})
