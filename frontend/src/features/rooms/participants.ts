// The room's participant list with who is online, kept current from the events socket.
// Pure reducer (tested in participants.test.ts); useParticipants wires it to the socket.
import type { PresenceEntry, ServerMessage, WireParticipant } from "@/lib/room-protocol"

export interface ParticipantsState {
  byId: Record<string, WireParticipant>
  /** participant id → live connection ids (one person may have several tabs). */
  online: Record<string, string[]>
}

export const emptyParticipants: ParticipantsState = { byId: {}, online: {} }

export type ParticipantsAction =
  | { type: "load"; participants: WireParticipant[] }
  | { type: "message"; message: ServerMessage }
  /** The events socket is down: who is online is unknown until the next presence.state. */
  | { type: "disconnected" }

function upsert(state: ParticipantsState, participant: unknown): ParticipantsState {
  const p = participant as WireParticipant | undefined
  if (!p || typeof p.id !== "string") return state
  return { ...state, byId: { ...state.byId, [p.id]: { ...state.byId[p.id], ...p } } }
}

function groupPresence(connections: PresenceEntry[]): Record<string, string[]> {
  const online: Record<string, string[]> = {}
  for (const c of connections) {
    online[c.participant_id] = [...(online[c.participant_id] ?? []), c.connection_id]
  }
  return online
}

function withConnection(
  state: ParticipantsState,
  entry: PresenceEntry | undefined,
  present: boolean,
) {
  if (
    !entry ||
    typeof entry.participant_id !== "string" ||
    typeof entry.connection_id !== "string"
  ) {
    return state
  }
  const current = (state.online[entry.participant_id] ?? []).filter(
    (id) => id !== entry.connection_id,
  )
  const next = present ? [...current, entry.connection_id] : current
  const online = { ...state.online, [entry.participant_id]: next }
  if (next.length === 0) delete online[entry.participant_id]
  return { ...state, online }
}

export function participantsReducer(
  state: ParticipantsState,
  action: ParticipantsAction,
): ParticipantsState {
  if (action.type === "disconnected") return { ...state, online: {} }
  if (action.type === "load") {
    let next = state
    for (const p of action.participants) next = upsert(next, p)
    return next
  }
  const message = action.message
  switch (message.type) {
    case "presence.state":
      return "connections" in message
        ? { ...state, online: groupPresence(message.connections) }
        : state
    case "admission.waiting_list":
      return "participants" in message
        ? participantsReducer(state, { type: "load", participants: message.participants })
        : state
  }
  const data = "data" in message ? message.data : null
  if (!data) return state
  if (message.type === "presence.joined") {
    return withConnection(state, data.connection as PresenceEntry | undefined, true)
  }
  if (message.type === "presence.left") {
    return withConnection(state, data as unknown as PresenceEntry, false)
  }
  if (message.type.startsWith("participant.") || message.type.startsWith("admission.")) {
    return upsert(state, data.participant)
  }
  return state
}

export interface ParticipantView extends WireParticipant {
  online: boolean
}

const ROLE_ORDER = { host: 0, interviewer: 1, candidate: 2, observer: 3 } as const

/** Everyone to list, hosts first, then by name; `status` says waiting/admitted/left/... */
export function participantList(state: ParticipantsState): ParticipantView[] {
  return Object.values(state.byId)
    .map((p) => ({ ...p, online: (state.online[p.id]?.length ?? 0) > 0 }))
    .sort(
      (a, b) =>
        (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) ||
        a.display_name.localeCompare(b.display_name),
    )
}
