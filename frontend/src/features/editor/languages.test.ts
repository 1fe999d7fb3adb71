import { describe, expect, it } from "vitest"
import {
  invalidPathReason,
  languageForPath,
  mainFileFor,
  runtimeLanguageForPath,
} from "./languages"

describe("languageForPath", () => {
  it("maps known extensions case-insensitively", () => {
    expect(languageForPath("main.py")).toBe("python")
    expect(languageForPath("src/App.TSX")).toBe("typescript")
    expect(languageForPath("Main.java")).toBe("java")
  })

  it("falls back to plain text", () => {
    expect(languageForPath("Makefile")).toBe("plaintext")
    expect(languageForPath("notes.")).toBe("plaintext")
    expect(languageForPath("x.unknown")).toBe("plaintext")
  })
})

describe("mainFileFor", () => {
  it("gives each room language a starting file", () => {
    expect(mainFileFor("python")).toBe("main.py")
    expect(mainFileFor("java")).toBe("Main.java")
    expect(mainFileFor("brainfuck")).toBe("main.txt")
  })
})

describe("invalidPathReason", () => {
  it("accepts plain names and folders", () => {
    expect(invalidPathReason("util.py", [])).toBeNull()
    expect(invalidPathReason("src/util.py", ["main.py"])).toBeNull()
  })

  it("rejects hostile or broken names", () => {
    for (const bad of ["", " a.py", "../etc/passwd", "/abs.py", "a//b.py", "a\u0000.py", "a\\b"]) {
      expect(invalidPathReason(bad, [])).not.toBeNull()
    }
    expect(invalidPathReason("x".repeat(201), [])).not.toBeNull()
  })

  it("rejects duplicates", () => {
    expect(invalidPathReason("main.py", ["main.py"])).toMatch(/exists/)
  })
})

describe("runtimeLanguageForPath", () => {
  it("names the sandbox language, or none for non-code files", () => {
    expect(runtimeLanguageForPath("a.py")).toBe("python")
    expect(runtimeLanguageForPath("run.sh")).toBe("bash")
    expect(runtimeLanguageForPath("notes.md")).toBeNull()
    expect(runtimeLanguageForPath("README")).toBeNull()
  })
})
