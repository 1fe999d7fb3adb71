// Chat state as a pure reducer (tested): history on join, live messages, who is typing,
// and how many messages arrived while the chat was out of sight.
import type { ServerMessage } from "@/lib/room-protocol"

export interface ChatMessage {
  seq: number
  ts: number
  participant_id: string
  name: string
  text: string
  client_id?: string | null
}

export interface ChatState {
  messages: ChatMessage[]
  /** participant id → name and when their "typing" expires (ms since epoch). */
  typing: Record<string, { name: string; until: number }>
  unread: number
  visible: boolean
}

export const emptyChat: ChatState = { messages: [], typing: {}, unread: 0, visible: false }

/** A "typing" is shown this long unless renewed or stopped. */
export const TYPING_TTL_MS = 4000
const KEPT = 500

export type ChatAction =
  | { type: "server"; message: ServerMessage; now: number; meId: string }
  | { type: "visible"; visible: boolean }
  | { type: "expire"; now: number }

function addMessages(state: ChatState, incoming: ChatMessage[], meId: string): ChatState {
  const seen = new Set(state.messages.map((m) => m.seq))
  const added = incoming.filter((m) => !seen.has(m.seq))
  if (added.length === 0) return state
  const messages = [...state.messages, ...added].sort((a, b) => a.seq - b.seq).slice(-KEPT)
  const typing = { ...state.typing }
  for (const m of added) delete typing[m.participant_id]
  const fromOthers = added.filter((m) => m.participant_id !== meId).length
  return { ...state, messages, typing, unread: state.visible ? 0 : state.unread + fromOthers }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "visible":
      return { ...state, visible: action.visible, unread: action.visible ? 0 : state.unread }
    case "expire": {
      const live = Object.entries(state.typing).filter(([, t]) => t.until > action.now)
      return live.length === Object.keys(state.typing).length
        ? state
        : { ...state, typing: Object.fromEntries(live) }
    }
    case "server": {
      const { message, meId } = action
      if (message.type === "chat.history" && "messages" in message) {
        // History is what was said before we came: it is not "unread".
        const next = addMessages(
          { ...state, visible: true },
          message.messages as unknown as ChatMessage[],
          meId,
        )
        return { ...next, visible: state.visible, unread: state.unread }
      }
      if (message.type === "chat.message" && "data" in message && typeof message.seq === "number") {
        const data = message.data as unknown as Omit<ChatMessage, "seq" | "ts">
        return addMessages(state, [{ ...data, seq: message.seq, ts: message.ts }], meId)
      }
      if (message.type === "typing" && "data" in message) {
        const data = message.data as { participant_id?: string; name?: string; active?: boolean }
        if (!data.participant_id || data.participant_id === meId) return state
        const typing = { ...state.typing }
        if (data.active === false) delete typing[data.participant_id]
        else
          typing[data.participant_id] = {
            name: data.name ?? "Someone",
            until: action.now + TYPING_TTL_MS,
          }
        return { ...state, typing }
      }
      return state
    }
  }
}

/** "Ann is typing…", "Ann and Bo are typing…", "3 people are typing…" or "". */
export function typingText(names: string[]): string {
  if (names.length === 0) return ""
  if (names.length === 1) return `${names[0]} is typing…`
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`
  return `${names.length} people are typing…`
}
