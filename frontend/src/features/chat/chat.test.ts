import type { ServerMessage } from "@/lib/room-protocol"
import { describe, expect, it } from "vitest"
import { TYPING_TTL_MS, chatReducer, emptyChat, typingText } from "./chat"

const me = "me"
const server = (message: unknown, now = 0) => ({
  type: "server" as const,
  message: message as ServerMessage,
  now,
  meId: me,
})
const chat = (seq: number, from: string, text = "hi") =>
  server({
    type: "chat.message",
    seq,
    ts: seq,
    actor_id: from,
    data: { participant_id: from, name: from, text },
  })

describe("chatReducer", () => {
  it("loads history without counting it as unread", () => {
    const s = chatReducer(
      emptyChat,
      server({
        type: "chat.history",
        messages: [{ seq: 1, ts: 1, participant_id: "a", name: "A", text: "old" }],
        has_more: false,
      }),
    )
    expect(s.messages).toHaveLength(1)
    expect(s.unread).toBe(0)
  })

  it("counts others' messages while hidden and clears when shown", () => {
    let s = chatReducer(emptyChat, chat(1, "a"))
    s = chatReducer(s, chat(2, me))
    expect(s.unread).toBe(1)
    s = chatReducer(s, { type: "visible", visible: true })
    expect(s.unread).toBe(0)
    s = chatReducer(s, chat(3, "a"))
    expect(s.unread).toBe(0)
  })

  it("drops duplicates (resume re-sends)", () => {
    const s = chatReducer(chatReducer(emptyChat, chat(1, "a")), chat(1, "a"))
    expect(s.messages).toHaveLength(1)
  })

  it("shows typing until it stops, expires, or a message arrives", () => {
    const typing = (active: boolean, now = 0) =>
      server(
        {
          type: "typing",
          seq: null,
          ts: 0,
          actor_id: "a",
          data: { participant_id: "a", name: "Ann", active },
        },
        now,
      )
    let s = chatReducer(emptyChat, typing(true))
    expect(Object.keys(s.typing)).toEqual(["a"])
    expect(chatReducer(s, typing(false)).typing).toEqual({})
    expect(chatReducer(s, { type: "expire", now: TYPING_TTL_MS + 1 }).typing).toEqual({})
    s = chatReducer(s, chat(5, "a"))
    expect(s.typing).toEqual({})
  })

  it("words the typing line", () => {
    expect(typingText([])).toBe("")
    expect(typingText(["Ann"])).toBe("Ann is typing…")
    expect(typingText(["Ann", "Bo"])).toBe("Ann and Bo are typing…")
    expect(typingText(["A", "B", "C"])).toBe("3 people are typing…")
  })
})
