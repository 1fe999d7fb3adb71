import { safeColor, safeName, textColorOn } from "@/lib/presence"
import { describe, expect, it } from "vitest"
import * as Y from "yjs"
import { cssString, peerStyles, remotePeers, schemaTooNew } from "./awareness"

describe("safeColor", () => {
  it("keeps #rrggbb and rejects anything that could escape the rule", () => {
    expect(safeColor("#A1B2C3")).toBe("#a1b2c3")
    for (const bad of ["red", "#fff", "#12345g", "#123456; } body { display:none", 42, null]) {
      expect(safeColor(bad)).toBe("#6b7280")
    }
  })
})

describe("safeName", () => {
  it("trims, caps and fills in", () => {
    expect(safeName("  Ada ")).toBe("Ada")
    expect(safeName("x".repeat(100))).toHaveLength(40)
    expect(safeName("")).toBe("Anonymous")
    expect(safeName(undefined)).toBe("Anonymous")
  })
})

describe("cssString", () => {
  it("escapes every character so quotes and braces cannot break out", () => {
    const s = cssString('a"}\\')
    expect(s).toBe('"\\61 \\22 \\7d \\5c "')
    expect(s.slice(1, -1)).not.toMatch(/["{}]/)
  })

  it("handles astral characters", () => {
    expect(cssString("😀")).toBe('"\\1f600 "')
  })
})

describe("textColorOn", () => {
  it("picks a readable text colour", () => {
    expect(textColorOn("#ffff00")).toBe("#000000")
    expect(textColorOn("#1d4ed8")).toBe("#ffffff")
  })
})

describe("remotePeers and peerStyles", () => {
  const states = new Map<number, Record<string, unknown>>([
    [1, { user: { name: "Me", color: "#111111", participantId: "p1" } }],
    [2, { user: { name: "Guest", color: "#22aa44", participantId: "p2" }, file: "main.py" }],
    [3, { user: { name: "Evil", color: "red;}", participantId: "p3" } }],
    [4, { cursor: "no user" }],
  ])

  it("skips self and clients without a user, sanitising the rest", () => {
    const peers = remotePeers(states, 1)
    expect(peers.map((p) => p.clientId)).toEqual([2, 3])
    expect(peers[0]?.file).toBe("main.py")
    expect(peers[1]?.user.color).toBe("#6b7280")
  })

  it("writes one rule set per client id in the peer's colour", () => {
    const css = peerStyles(remotePeers(states, 1))
    expect(css).toContain(".remote-cursor-2 { border-left: 2px solid #22aa44")
    expect(css).toContain(".remote-selection-3 { background-color: #6b728033")
    expect(css).not.toContain("red;}")
  })
})

describe("schemaTooNew", () => {
  it("refuses documents from a newer schema only", () => {
    const meta = new Y.Doc().getMap<unknown>("meta")
    expect(schemaTooNew(meta)).toBe(false)
    meta.set("schema_version", 1)
    expect(schemaTooNew(meta)).toBe(false)
    meta.set("schema_version", 2)
    expect(schemaTooNew(meta)).toBe(true)
  })
})
