import { describe, expect, it } from "vitest"
import { attempts, mediaProblem } from "./media"

const err = (name: string) => new DOMException("x", name)

describe("attempts", () => {
  it("falls back to each device alone when both are wanted", () => {
    expect(attempts({ audio: true, video: true })).toEqual([
      { audio: true, video: true },
      { audio: true, video: false },
      { audio: false, video: true },
    ])
    expect(attempts({ audio: true, video: false })).toEqual([{ audio: true, video: false }])
  })
})

describe("mediaProblem", () => {
  it("says what happened and that watching still works", () => {
    const both = { audio: true, video: true }
    expect(mediaProblem(err("NotAllowedError"), both)).toMatch(
      /camera and microphone is blocked.*watch/,
    )
    expect(mediaProblem(err("NotFoundError"), { audio: false, video: true })).toBe(
      "No camera found. You can still watch and listen.",
    )
    expect(mediaProblem(err("NotReadableError"), { audio: true, video: false })).toMatch(
      /microphone is in use/,
    )
    expect(mediaProblem(new Error("?"), both)).toBe(
      "Could not use the camera and microphone (Error).",
    )
    expect(mediaProblem(null, both)).toBe("Could not use the camera and microphone.")
  })
})
