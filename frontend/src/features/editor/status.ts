// The document connection as an explicit state machine (house style: one discriminated union,
// always shown in the UI). Pure: the hook feeds it events, tests drive it directly.

export type Phase =
  | "connecting" // first connection of this page, nothing synced yet
  | "live" // socket open and initial sync done
  | "offline" // the browser says it has no network; edits stay in IndexedDB
  | "reconnecting" // had a connection, lost it, trying again
  | "denied" // the server refused the socket (not admitted, removed, room ended)

export interface SyncState {
  phase: Phase
  /** Local edits that the server has not been sent yet (drives "Saved" and the leave warning). */
  unsynced: boolean
  /** Whether the initial server state has arrived at least once in this page. */
  everSynced: boolean
}

export type SyncEvent =
  | { type: "socket"; status: "connecting" | "connected" | "disconnected" }
  | { type: "synced" }
  | { type: "flushed" } // every local update so far has left the socket
  | { type: "local-edit"; sentNow: boolean }
  | { type: "browser-offline" }
  | { type: "browser-online" }
  | { type: "denied" }

export const initialSyncState: SyncState = {
  phase: "connecting",
  unsynced: false,
  everSynced: false,
}

export function syncReducer(state: SyncState, event: SyncEvent): SyncState {
  if (state.phase === "denied") return state
  switch (event.type) {
    case "denied":
      return { ...state, phase: "denied" }
    case "browser-offline":
      return { ...state, phase: "offline" }
    case "browser-online":
      return { ...state, phase: state.everSynced ? "reconnecting" : "connecting" }
    case "socket":
      if (state.phase === "offline") return state // only the browser's "online" ends offline
      if (event.status === "connected") return state // live only once the sync has finished
      return { ...state, phase: state.everSynced ? "reconnecting" : "connecting" }
    case "synced":
      if (state.phase === "offline") return state
      return { ...state, phase: "live", everSynced: true }
    case "flushed":
      return state.phase === "live" ? { ...state, unsynced: false } : state
    case "local-edit":
      return { ...state, unsynced: state.unsynced || !(event.sentNow && state.phase === "live") }
  }
}

export interface StatusView {
  label: string
  tone: "ok" | "busy" | "warn" | "error"
  detail: string
}

/** What the header shows for a state. */
export function describeSync(state: SyncState): StatusView {
  switch (state.phase) {
    case "connecting":
      return { label: "Connecting…", tone: "busy", detail: "Opening the shared document." }
    case "live":
      return state.unsynced
        ? { label: "Saving…", tone: "busy", detail: "Sending your latest changes." }
        : { label: "Saved", tone: "ok", detail: "Live: every change is shared and saved." }
    case "offline":
      return {
        label: "Offline — changes saved locally",
        tone: "warn",
        detail: "You can keep typing; your edits merge when the connection returns.",
      }
    case "reconnecting":
      return {
        label: state.unsynced ? "Reconnecting — changes saved locally" : "Reconnecting…",
        tone: "warn",
        detail: "The connection dropped; trying again.",
      }
    case "denied":
      return { label: "Disconnected", tone: "error", detail: "You no longer have access." }
  }
}
