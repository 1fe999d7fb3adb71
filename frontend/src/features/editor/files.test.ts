import { describe, expect, it } from "vitest"
import * as Y from "yjs"
import { type FilesDoc, addFile, removeFile, renameFile } from "./files"

function room(): FilesDoc {
  const doc = new Y.Doc()
  return { doc, files: doc.getMap<Y.Text>("files"), meta: doc.getMap<unknown>("meta") }
}

const languages = (r: FilesDoc) => (r.meta.get("languages") as Y.Map<string>).toJSON()

describe("file operations", () => {
  it("adds a file with its sandbox language", () => {
    const r = room()
    expect(addFile(r, "main.py", "print(1)")).toBeNull()
    expect(r.files.get("main.py")?.toString()).toBe("print(1)")
    expect(languages(r)).toEqual({ "main.py": "python" })
    expect(addFile(r, "notes.md")).toBeNull()
    expect(languages(r)).toEqual({ "main.py": "python" })
  })

  it("refuses bad names and duplicates without touching the doc", () => {
    const r = room()
    addFile(r, "a.py")
    let updates = 0
    r.doc.on("update", () => updates++)
    expect(addFile(r, "a.py")).toMatch(/exists/)
    expect(addFile(r, "../x.py")).not.toBeNull()
    expect(renameFile(r, "a.py", "")).not.toBeNull()
    expect(renameFile(r, "missing.py", "b.py")).toMatch(/no longer exists/)
    expect(updates).toBe(0)
  })

  it("renames content and language in one transaction", () => {
    const r = room()
    addFile(r, "a.py", "x = 1")
    let transactions = 0
    r.doc.on("afterTransaction", () => transactions++)
    expect(renameFile(r, "a.py", "a.js")).toBeNull()
    expect(transactions).toBe(1)
    expect([...r.files.keys()]).toEqual(["a.js"])
    expect(r.files.get("a.js")?.toString()).toBe("x = 1")
    expect(languages(r)).toEqual({ "a.js": "javascript" })
  })

  it("removes a file and its language", () => {
    const r = room()
    addFile(r, "a.go")
    removeFile(r, "a.go")
    expect(r.files.size).toBe(0)
    expect(languages(r)).toEqual({})
  })

  it("keeps a server-seeded languages map", () => {
    const r = room()
    r.doc.transact(() => {
      r.files.set("main.py", new Y.Text())
      r.meta.set("languages", new Y.Map([["main.py", "python"]]))
    })
    addFile(r, "util.rs")
    expect(languages(r)).toEqual({ "main.py": "python", "util.rs": "rust" })
  })
})
