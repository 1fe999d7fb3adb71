import { describe, expect, it } from "vitest"
import { checkPassword, commonPasswordLookup } from "./passwordRules"

const isCommon = commonPasswordLookup("password123\n  Letmein12345 \n\n")
const failing = (pw: string, email = "ada@example.com") =>
  checkPassword(pw, email, isCommon)
    .filter((r) => !r.ok)
    .map((r) => r.rule)

describe("checkPassword", () => {
  it("accepts a long, uncommon password without the email name", () => {
    expect(failing("correct horse battery")).toEqual([])
  })

  it("flags short passwords", () => {
    expect(failing("short1!")).toContain("min_length")
    expect(failing("x".repeat(10))).not.toContain("min_length")
  })

  it("flags common passwords case-insensitively and trimmed", () => {
    expect(failing("PASSWORD123")).toContain("common")
    expect(failing("letmein12345")).toContain("common")
  })

  it("flags the email's local part, but not a very short one", () => {
    expect(failing("my-ADA-password-x", "ada@example.com")).toContain("contains_email")
    expect(failing("my-al-password-x", "al@example.com")).not.toContain("contains_email")
  })

  it("does not claim the common check passed before the list has loaded", () => {
    const results = checkPassword("correct horse battery", "ada@example.com", undefined)
    expect(results.find((r) => r.rule === "common")?.ok).toBe(false)
  })

  it("flags absurdly long passwords", () => {
    expect(failing("a".repeat(257))).toContain("max_length")
  })

  it("shows nothing as met for an empty password", () => {
    expect(failing("")).toEqual(["min_length", "common", "contains_email"])
  })
})
