// File operations on the shared document: `files` (path → Y.Text) with `meta.languages`
// (path → sandbox language) kept beside it, as the server seeds it (docs/collab.md); runs
// and replay read it. Each operation is one transaction, so peers never see half of it.
import * as Y from "yjs"
import { invalidPathReason, runtimeLanguageForPath } from "./languages"

export interface FilesDoc {
  doc: Y.Doc
  files: Y.Map<Y.Text>
  meta: Y.Map<unknown>
}

function languagesMap(room: FilesDoc): Y.Map<string> {
  const existing = room.meta.get("languages")
  if (existing instanceof Y.Map) return existing as Y.Map<string>
  const created = new Y.Map<string>()
  room.meta.set("languages", created)
  return created
}

function recordLanguage(room: FilesDoc, path: string): void {
  const language = runtimeLanguageForPath(path)
  if (language) languagesMap(room).set(path, language)
}

/** Add an empty (or given) file; returns why not, or null when done. */
export function addFile(room: FilesDoc, path: string, content = ""): string | null {
  const problem = invalidPathReason(path, room.files.keys())
  if (problem) return problem
  room.doc.transact(() => {
    room.files.set(path, new Y.Text(content))
    recordLanguage(room, path)
  })
  return null
}

/** Rename `from` to `to`; returns why not, or null when done. */
export function renameFile(room: FilesDoc, from: string, to: string): string | null {
  const source = room.files.get(from)
  if (!source) return "That file no longer exists."
  const problem = invalidPathReason(to, room.files.keys())
  if (problem) return problem
  // A Y.Text cannot move between keys: copy it and delete the old one.
  room.doc.transact(() => {
    room.files.set(to, new Y.Text(source.toString()))
    room.files.delete(from)
    languagesMap(room).delete(from)
    recordLanguage(room, to)
  })
  return null
}

export function removeFile(room: FilesDoc, path: string): void {
  room.doc.transact(() => {
    room.files.delete(path)
    languagesMap(room).delete(path)
  })
}
