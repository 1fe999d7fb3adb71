// Presence inside the document: what each client publishes in Yjs awareness, and the CSS that
// draws remote cursors in each participant's colour with their name.
import { safeColor, safeName, textColorOn } from "@/lib/presence"
import type * as Y from "yjs"

export interface AwarenessUser {
  name: string
  /** The server-assigned participant colour (#rrggbb): stable across reloads and browsers. */
  color: string
  participantId: string
}

/** A relative position as JSON (Y.relativePositionToJSON), so it survives the wire. */
export type RelPosJson = Record<string, unknown>

export interface LocalPresence {
  user: AwarenessUser
  /** The file this client has open. */
  file: string | null
  selection: { anchor: RelPosJson; head: RelPosJson } | null
  /** First visible line, for follow mode. */
  viewport: { top: number } | null
}

export interface RemotePeer {
  clientId: number
  user: AwarenessUser
  file: string | null
  selection: LocalPresence["selection"]
  viewport: LocalPresence["viewport"]
}

/**
 * A CSS string literal for arbitrary text: every code point becomes a CSS escape, so no name
 * can close the string or the rule (names are chosen by guests).
 */
export function cssString(text: string): string {
  let out = '"'
  for (const ch of text) out += `\\${(ch.codePointAt(0) ?? 0x3f).toString(16)} `
  return `${out}"`
}

/** The peers other than `selfId`, with sanitised user data; clients without a user are skipped. */
export function remotePeers(
  states: Map<number, Record<string, unknown>>,
  selfId: number,
): RemotePeer[] {
  const peers: RemotePeer[] = []
  for (const [clientId, state] of states) {
    if (clientId === selfId) continue
    const user = state.user as Partial<AwarenessUser> | undefined
    if (!user || typeof user.participantId !== "string") continue
    peers.push({
      clientId,
      user: {
        name: safeName(user.name),
        color: safeColor(user.color),
        participantId: user.participantId,
      },
      file: typeof state.file === "string" ? state.file : null,
      selection: (state.selection as LocalPresence["selection"]) ?? null,
      viewport: (state.viewport as LocalPresence["viewport"]) ?? null,
    })
  }
  return peers
}

/** The style sheet for every peer's cursor, selection and name label, keyed by client id. */
export function peerStyles(peers: RemotePeer[]): string {
  return peers
    .map(({ clientId, user }) => {
      const id = Math.trunc(clientId)
      return [
        `.remote-selection-${id} { background-color: ${user.color}33; }`,
        `.remote-cursor-${id} { border-left: 2px solid ${user.color}; margin-left: -1px; }`,
        `.remote-cursor-${id}::after { content: ${cssString(user.name)}; background: ${user.color}; color: ${textColorOn(user.color)}; }`,
      ].join("\n")
    })
    .join("\n")
}

/** The document schema this client writes (the server records it in `meta.schema_version`). */
export const SCHEMA_VERSION = 1

export function schemaTooNew(meta: Y.Map<unknown>): boolean {
  const version = meta.get("schema_version")
  return typeof version === "number" && version > SCHEMA_VERSION
}
