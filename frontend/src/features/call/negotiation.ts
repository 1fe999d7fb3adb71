// The decisions of the call's signalling, kept pure so they are tested without a browser.
//
// One fixed offerer per pair (the smaller participant id) instead of both sides offering:
// there is never glare, so no rollback. `session` names one peer connection; the offerer picks
// a fresh one whenever it (re)builds the connection, and signals of another session are stale.

/** Within this long a pair must be connected, else "Could not connect" (AC9: under 15 s). */
export const CONNECT_TIMEOUT_MS = 12_000

export type LinkRole = "offerer" | "answerer"

export function linkRole(myId: string, peerId: string): LinkRole {
  return myId < peerId ? "offerer" : "answerer"
}

export interface Signal {
  kind: "offer" | "answer" | "ice" | "hangup"
  session?: string
}

export type Decision =
  /** Answerer: (re)build the connection for this session if `fresh`, then answer the offer. */
  | { action: "answer"; fresh: boolean }
  | { action: "accept-answer" }
  | { action: "add-candidate" }
  /** Tear the pair's connection down and build it again (the offerer offers anew). */
  | { action: "restart" }
  | { action: "ignore"; why: string }

/** What to do with a signal from a peer, given our current connection with them (if any). */
export function decide(
  role: LinkRole,
  session: string | null | undefined,
  signal: Signal,
): Decision {
  const current = session ?? null
  const same = signal.session !== undefined && signal.session === current
  switch (signal.kind) {
    case "offer":
      if (role === "offerer") return { action: "ignore", why: "only the offerer offers" }
      if (signal.session === undefined) return { action: "ignore", why: "offer without a session" }
      return { action: "answer", fresh: !same }
    case "answer":
      if (role !== "offerer") return { action: "ignore", why: "answerers do not get answers" }
      return same ? { action: "accept-answer" } : { action: "ignore", why: "stale session" }
    case "ice":
      return same ? { action: "add-candidate" } : { action: "ignore", why: "stale session" }
    case "hangup":
      // A hangup of an older session (a retry crossed with ours) must not kill the new one.
      if (signal.session !== undefined && current !== null && !same) {
        return { action: "ignore", why: "stale session" }
      }
      return { action: "restart" }
  }
}

export type Phase = "connecting" | "connected" | "reconnecting" | "failed"

/** The pair's state for the tile, from the peer connection's own states. */
export function phaseOf(
  ice: RTCIceConnectionState,
  connection: RTCPeerConnectionState,
  wasConnected: boolean,
): Phase {
  if (connection === "failed" || ice === "failed") return "failed"
  if (connection === "connected" || ice === "connected" || ice === "completed") return "connected"
  if (ice === "disconnected" || connection === "disconnected") {
    return wasConnected ? "reconnecting" : "connecting"
  }
  return "connecting"
}

/** Which peer connections to open and which to close so that we are linked to `wanted`. */
export function reconcile(
  wanted: readonly string[],
  existing: readonly string[],
): { open: string[]; close: string[] } {
  const want = new Set(wanted)
  const have = new Set(existing)
  return {
    open: wanted.filter((id) => !have.has(id)),
    close: existing.filter((id) => !want.has(id)),
  }
}

/** A fresh session id (URL-safe, as the server requires). */
export function newSession(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(0, 16)
}
