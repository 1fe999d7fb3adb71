// Who is in the room's call, from the events socket (docs/protocol.md 1.9): `presence.state`
// is the snapshot at every (re)connect, `call.state` the changes, `presence.left` the end of a
// connection (and of its seat in the call). Pure: the hook feeds it messages.
import type { PresenceEntry, RtcConfig, ServerMessage } from "@/lib/room-protocol"

export interface CallMember {
  connectionId: string
  participantId: string
  name: string
  color: string
  role: string
  audio: boolean
  video: boolean
}

export interface Roster {
  /** This tab's events connection (from `welcome`); null before it. */
  me: string | null
  /** Connections in the call, by connection id. */
  members: Record<string, CallMember>
  rtc: RtcConfig | null
  /** Set when another tab of ours took our seat (`reason: "replaced"`). */
  replaced: boolean
}

export const emptyRoster: Roster = { me: null, members: {}, rtc: null, replaced: false }

function fromPresence(entry: PresenceEntry & { call: { audio: boolean; video: boolean } }) {
  return {
    connectionId: entry.connection_id,
    participantId: entry.participant_id,
    name: entry.name,
    color: entry.color,
    role: entry.role,
    audio: entry.call.audio,
    video: entry.call.video,
  }
}

const str = (value: unknown) => (typeof value === "string" ? value : "")

export function rosterReducer(state: Roster, message: ServerMessage): Roster {
  switch (message.type) {
    case "welcome":
      if (!("connection_id" in message)) return state
      // A new connection: the old one's seat is gone; presence.state follows.
      return {
        me: message.connection_id,
        members: {},
        rtc: message.rtc ?? state.rtc,
        replaced: false,
      }
    case "presence.state": {
      if (!("connections" in message)) return state
      const members: Record<string, CallMember> = {}
      for (const entry of message.connections) {
        if (entry.call) members[entry.connection_id] = fromPresence({ ...entry, call: entry.call })
      }
      return { ...state, members }
    }
    case "presence.left": {
      const id = "data" in message ? str(message.data.connection_id) : ""
      if (!(id in state.members)) return state
      const { [id]: _gone, ...members } = state.members
      return { ...state, members }
    }
    case "call.state": {
      if (!("data" in message)) return state
      const d = message.data
      const id = str(d.connection_id)
      if (!id) return state
      if (d.in_call !== true) {
        const { [id]: _gone, ...members } = state.members
        const replaced = state.replaced || (id === state.me && d.reason === "replaced")
        return { ...state, members, replaced }
      }
      const member: CallMember = {
        connectionId: id,
        participantId: str(d.participant_id),
        name: str(d.name),
        color: str(d.color),
        role: str(d.role),
        audio: d.audio === true,
        video: d.video === true,
      }
      return { ...state, members: { ...state.members, [id]: member }, replaced: false }
    }
    default:
      return state
  }
}

/** Whether the server has this tab in the call. */
export function inCall(roster: Roster): boolean {
  return roster.me !== null && roster.me in roster.members
}

/** The other people in the call, one entry per participant, in a stable order. */
export function others(roster: Roster, myParticipantId: string): CallMember[] {
  const byPerson = new Map<string, CallMember>()
  for (const m of Object.values(roster.members)) {
    if (m.participantId !== myParticipantId) byPerson.set(m.participantId, m)
  }
  return [...byPerson.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || (a.participantId < b.participantId ? -1 : 1),
  )
}

/** How many people are in the call (for the "Join call" button while outside). */
export function headcount(roster: Roster): number {
  return new Set(Object.values(roster.members).map((m) => m.participantId)).size
}
