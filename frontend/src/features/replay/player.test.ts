import { describe, expect, it } from "vitest"
import * as Y from "yjs"
import { ReplayDoc, advance, countAtOrBefore, decodeBase64, monotonicTimes } from "./player"

function script(steps: number): { updates: Uint8Array[]; texts: string[]; final: Uint8Array } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on("update", (u: Uint8Array) => updates.push(u))
  const text = new Y.Text()
  doc.getMap("files").set("main.py", text)
  const texts = [""]
  for (let i = 0; i < steps; i++) {
    if (i % 5 === 4) text.delete(0, 1)
    else text.insert(text.length, String(i % 10))
    texts.push(text.toString())
  }
  return { updates, texts, final: Y.encodeStateAsUpdate(doc) }
}

describe("ReplayDoc", () => {
  it("shows the text after any number of updates, forwards and backwards", () => {
    const { updates, texts } = script(450)
    const replay = new ReplayDoc(updates)
    for (const count of [451, 3, 300, 299, 0, 1, 450, 201]) {
      replay.seek(count)
      expect(replay.files()).toEqual(count === 0 ? {} : { "main.py": texts[count - 1] })
    }
  })

  it("ends byte-for-byte equal to the original document", () => {
    const { updates, final } = script(30)
    const replay = new ReplayDoc(updates)
    replay.seek(updates.length)
    expect(replay.encode()).toEqual(final)
  })
})

describe("timing", () => {
  it("counts times at or before t", () => {
    expect(countAtOrBefore([1, 2, 2, 5], 2)).toBe(3)
    expect(countAtOrBefore([1, 2, 2, 5], 0)).toBe(0)
    expect(countAtOrBefore([], 9)).toBe(0)
  })

  it("plays at speed and skips idle gaps", () => {
    const times = [0, 1000, 61_000]
    expect(advance(times, 1000, 100, 4, null)).toBe(1400)
    expect(advance(times, 1000, 100, 1, 5000)).toBe(60_750)
    expect(advance(times, 60_900, 100, 1, 5000)).toBe(61_000)
  })

  it("keeps times in log order", () => {
    const times = monotonicTimes([
      "2026-01-01T00:00:02Z",
      "2026-01-01T00:00:01Z",
      "2026-01-01T00:00:03Z",
    ])
    expect(times.map((t) => t % 10_000)).toEqual([2000, 2000, 3000])
  })

  it("decodes base64", () => {
    expect(Array.from(decodeBase64("AAEC/w=="))).toEqual([0, 1, 2, 255])
  })
})
