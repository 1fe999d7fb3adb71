// The room events socket's wire format (docs/protocol.md; server side:
// coderoom/realtime/protocol.py and coderoom/chat/schemas.py). Shared by every room panel:
// the app composes them, so the types live here rather than in one feature.

export interface PresenceEntry {
  connection_id: string
  participant_id: string
  name: string
  role: string
  color: string
  seen: number
  /** Present while this connection is in the room's call. */
  call?: { audio: boolean; video: boolean }
}

/** `welcome.rtc` (admitted only): what `new RTCPeerConnection()` needs. */
export interface RtcConfig {
  ice_servers: { urls: string[]; username?: string; credential?: string }[]
  ice_transport_policy: "all" | "relay"
}

export interface WireParticipant {
  id: string
  room_id: string
  user_id: string | null
  display_name: string
  role: "host" | "interviewer" | "candidate" | "observer"
  status: "waiting" | "admitted" | "rejected" | "removed" | "left"
  color: string
  joined_at: string
}

/** A room event (published by a domain, sequenced unless ephemeral). */
export interface EventMessage {
  type: string
  seq: number | null
  ts: number
  actor_id: string | null
  data: Record<string, unknown>
}

export type ServerMessage =
  | {
      type: "welcome"
      connection_id: string
      seq: number
      participant: { id: string; name: string; role: string; color: string; status: string }
      room?: Record<string, unknown>
      rtc?: RtcConfig
      heartbeat_s: number
    }
  | { type: "error"; code: string; message: string; details?: unknown }
  | { type: "presence.state"; connections: PresenceEntry[] }
  | { type: "chat.history"; messages: Record<string, unknown>[]; has_more: boolean }
  | { type: "admission.waiting_list"; participants: WireParticipant[] }
  | { type: "resync_required"; seq: number }
  | { type: "resumed"; from_seq: number; to_seq: number; count: number }
  | { type: "ping" | "pong"; ts: number }
  | EventMessage

export type ClientMessage =
  | { type: "chat.send"; text: string; client_id?: string }
  | { type: "typing"; active: boolean }
  | {
      type: "proctor.signal"
      kind: "tab_hidden" | "tab_visible" | "window_blur" | "window_focus" | "paste"
      away_ms?: number
      chars?: number
      external?: boolean
    }
  | {
      type: "rtc.signal"
      to: string
      kind: "offer" | "answer" | "ice" | "hangup"
      session?: string
      payload?: Record<string, unknown>
    }
  | { type: "call.join"; audio: boolean; video: boolean }
  | { type: "call.media"; audio: boolean; video: boolean }
  | { type: "call.leave" }
  | { type: "admission.admit"; participant_id: string }
  | { type: "admission.reject"; participant_id: string }
  | { type: "admission.auto_admit"; enabled: boolean }
  | { type: "resume"; last_seq: number }
  | { type: "ping" }
  | { type: "pong" }

export const EVENTS_CLOSE = {
  unauthenticated: 4401,
  forbidden: 4403,
  idle: 4408,
  roomEnded: 4410,
  rateLimited: 4429,
} as const

export type EventsStatus = "connecting" | "open" | "reconnecting" | "closed"

/** What the room's panels get from the one events connection of the page. */
export interface RoomEvents {
  status: EventsStatus
  /** Why the server closed for good (4403, 4410, ...), when it did. */
  closeCode: number | null
  /**
   * Listen to messages of one `type` (or "*" for all); returns the unsubscribe function.
   * With `replay`, the handler first gets the matching messages received since the last
   * `welcome` (the opening state: presence, chat history...), for panels that mount after the
   * socket opened. Only for handlers that tolerate seeing a message twice.
   */
  subscribe: (
    type: string,
    handler: (message: ServerMessage) => void,
    options?: { replay?: boolean },
  ) => () => void
  /** Send a message; false if the socket is not open (the caller decides whether to retry). */
  send: (message: ClientMessage) => boolean
}
