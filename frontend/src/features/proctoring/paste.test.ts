import { describe, expect, it } from "vitest"
import { CopyMemory, REMEMBERED_COPIES, type SelectionLike, copiedText } from "./paste"

describe("CopyMemory", () => {
  it("flags a paste that was never copied in the editor as external", () => {
    const memory = new CopyMemory()
    expect(memory.isInternal("x".repeat(300))).toBe(false)
  })

  it("recognises text copied inside the editor, across line-ending changes", () => {
    const memory = new CopyMemory()
    memory.remember("def f():\n    return 1\n")
    expect(memory.isInternal("def f():\r\n    return 1")).toBe(true)
    expect(memory.isInternal("def f():\n    return 2")).toBe(false)
  })

  it("forgets old copies and ignores empty ones", () => {
    const memory = new CopyMemory()
    memory.remember("first")
    for (let i = 0; i < REMEMBERED_COPIES; i++) memory.remember(`copy ${i}`)
    expect(memory.isInternal("first")).toBe(false)
    expect(memory.isInternal("copy 0")).toBe(true)
    memory.remember("")
    expect(memory.isInternal("")).toBe(false)
  })
})

describe("copiedText", () => {
  const lines = ["alpha", "beta", "gamma"]
  const lineText = (n: number) => lines[n - 1] ?? ""
  const sel = (empty: boolean, line: number, text = ""): SelectionLike & { text: string } => ({
    isEmpty: () => empty,
    startLineNumber: line,
    text,
  })
  const valueIn = (s: SelectionLike) => (s as SelectionLike & { text: string }).text

  it("copies the selected text", () => {
    expect(copiedText([sel(false, 1, "lph")], valueIn, lineText)).toBe("lph")
  })

  it("joins several selections with line breaks", () => {
    expect(copiedText([sel(false, 1, "a"), sel(false, 2, "b")], valueIn, lineText)).toBe("a\nb")
  })

  it("copies the whole line when nothing is selected (Monaco's default)", () => {
    expect(copiedText([sel(true, 2)], valueIn, lineText)).toBe("beta\n")
  })

  it("copies nothing without a cursor", () => {
    expect(copiedText([], valueIn, lineText)).toBe("")
  })
})
