// What the room's panels need from the shared document, computed here so that the panel
// features never import the editor feature (features compose only in app/).
import { languageForPath, mainFileFor } from "@/features/editor/languages"
import type { RoomPanelContext } from "./panels"

/** The open file's text (what Run, Run tests and Submit send). */
export function activeCode(ctx: RoomPanelContext): string {
  if (!ctx.doc || ctx.activeFile === null) return ""
  return ctx.doc.files.get(ctx.activeFile)?.toString() ?? ""
}

/** The Monaco language of the open file, or null when no file is open. */
export function activeLanguage(ctx: RoomPanelContext): string | null {
  return ctx.activeFile === null ? null : languageForPath(ctx.activeFile)
}

/**
 * Put a problem's starter code into the open file, only if that file is empty: code already
 * written is never replaced. Called by the one browser that attached the problem, so the
 * starter is inserted once, not once per participant.
 */
export function insertStarter(ctx: RoomPanelContext, starters: Record<string, string>): void {
  const doc = ctx.doc
  if (!doc || ctx.me.role === "observer") return
  const path = ctx.activeFile ?? mainFileFor(ctx.room.language)
  const code = starters[languageForPath(path)] ?? starters[ctx.room.language]
  if (!code) return
  doc.doc.transact(() => {
    const text = doc.files.get(path)
    if (text && text.length === 0) text.insert(0, code)
  })
}
