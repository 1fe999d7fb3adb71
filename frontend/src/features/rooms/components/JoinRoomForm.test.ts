import { describe, expect, it } from "vitest"
import { joinTarget } from "./JoinRoomForm"

describe("joinTarget", () => {
  it("recognises invite links from any host", () => {
    expect(joinTarget("http://127.0.0.1:8000/join/AbCdEfGh1234_-")).toBe("/join/AbCdEfGh1234_-")
    expect(joinTarget("  https://x.example/join/abcdefghijkl/ ")).toBe("/join/abcdefghijkl")
  })

  it("recognises room links and bare ids", () => {
    expect(joinTarget("https://x.example/rooms/r0123456789abcdef")).toBe("/rooms/r0123456789abcdef")
    expect(joinTarget("r0123456789abcdef")).toBe("/rooms/r0123456789abcdef")
  })

  it("rejects junk", () => {
    expect(joinTarget("")).toBeNull()
    expect(joinTarget("short")).toBeNull()
    expect(joinTarget("javascript:alert(1)")).toBeNull()
    expect(joinTarget("../../etc/passwd")).toBeNull()
  })
})
