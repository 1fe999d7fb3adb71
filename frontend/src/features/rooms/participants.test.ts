import type { ServerMessage, WireParticipant } from "@/lib/room-protocol"
import { describe, expect, it } from "vitest"
import {
  type ParticipantsState,
  emptyParticipants,
  participantList,
  participantsReducer,
} from "./participants"

const person = (id: string, overrides: Partial<WireParticipant> = {}): WireParticipant => ({
  id,
  room_id: "r1",
  user_id: null,
  display_name: id.toUpperCase(),
  role: "candidate",
  status: "admitted",
  color: "#112233",
  joined_at: "2026-11-22T18:00:00Z",
  ...overrides,
})

const event = (type: string, data: Record<string, unknown>): ServerMessage => ({
  type,
  seq: 1,
  ts: 0,
  actor_id: null,
  data,
})

const apply = (state: ParticipantsState, ...messages: ServerMessage[]) =>
  messages.reduce((s, message) => participantsReducer(s, { type: "message", message }), state)

const conn = (participant_id: string, connection_id: string) => ({
  connection_id,
  participant_id,
  name: participant_id,
  role: "candidate",
  color: "#112233",
  seen: 0,
})

describe("participantsReducer", () => {
  const loaded = participantsReducer(emptyParticipants, {
    type: "load",
    participants: [person("host", { role: "host" }), person("gus")],
  })

  it("tracks presence per connection (two tabs, one person)", () => {
    let s = apply(loaded, { type: "presence.state", connections: [conn("host", "c1")] })
    s = apply(s, event("presence.joined", { connection: conn("gus", "c2") }))
    s = apply(s, event("presence.joined", { connection: conn("gus", "c3") }))
    s = apply(s, event("presence.left", { connection_id: "c2", participant_id: "gus" }))
    expect(participantList(s).find((p) => p.id === "gus")?.online).toBe(true)
    s = apply(s, event("presence.left", { connection_id: "c3", participant_id: "gus" }))
    expect(participantList(s).find((p) => p.id === "gus")?.online).toBe(false)
    expect(participantList(s).find((p) => p.id === "host")?.online).toBe(true)
  })

  it("forgets presence while the socket is down", () => {
    const online = apply(loaded, { type: "presence.state", connections: [conn("gus", "c1")] })
    const down = participantsReducer(online, { type: "disconnected" })
    expect(participantList(down).some((p) => p.online)).toBe(false)
    expect(participantList(down)).toHaveLength(2)
  })

  it("adds waiting people and updates their status from admission events", () => {
    let s = apply(
      loaded,
      event("admission.waiting", { participant: person("wendy", { status: "waiting" }) }),
    )
    expect(participantList(s).find((p) => p.id === "wendy")?.status).toBe("waiting")
    s = apply(s, event("admission.admitted", { participant: person("wendy") }))
    expect(participantList(s).find((p) => p.id === "wendy")?.status).toBe("admitted")
  })

  it("loads the staff waiting list", () => {
    const s = apply(loaded, {
      type: "admission.waiting_list",
      participants: [person("w", { status: "waiting" })],
    })
    expect(participantList(s).map((p) => p.id)).toContain("w")
  })

  it("ignores malformed payloads instead of crashing", () => {
    const s = apply(
      loaded,
      event("presence.joined", {}),
      event("presence.left", { connection_id: 5 }),
      event("participant.joined", { participant: "nope" }),
      event("chat.message", { text: "hi" }),
    )
    expect(s).toEqual(loaded)
  })

  it("lists hosts first, then by name", () => {
    const s = participantsReducer(loaded, { type: "load", participants: [person("amy")] })
    expect(participantList(s).map((p) => p.id)).toEqual(["host", "amy", "gus"])
  })
})
