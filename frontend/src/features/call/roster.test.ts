import type { ServerMessage } from "@/lib/room-protocol"
import { describe, expect, it } from "vitest"
import { type Roster, emptyRoster, headcount, inCall, others, rosterReducer } from "./roster"

const msg = (m: unknown) => m as ServerMessage
const feed = (...messages: unknown[]): Roster =>
  messages.reduce<Roster>((s, m) => rosterReducer(s, msg(m)), emptyRoster)
const welcome = (connection: string, rtc?: unknown) => ({
  type: "welcome",
  connection_id: connection,
  seq: 1,
  participant: {},
  heartbeat_s: 30,
  ...(rtc ? { rtc } : {}),
})
const entry = (connection: string, participant: string, call?: object) => ({
  connection_id: connection,
  participant_id: participant,
  name: participant.toUpperCase(),
  role: "candidate",
  color: "#123456",
  seen: 1,
  ...(call ? { call } : {}),
})
const state = (connection: string, participant: string, data: object) => ({
  type: "call.state",
  seq: null,
  ts: 1,
  actor_id: participant,
  data: {
    connection_id: connection,
    participant_id: participant,
    name: participant.toUpperCase(),
    role: "candidate",
    color: "#123456",
    in_call: true,
    audio: true,
    video: true,
    ...data,
  },
})

describe("rosterReducer", () => {
  it("takes who is in the call from presence.state, and the ICE config from welcome", () => {
    const rtc = { ice_servers: [{ urls: ["turn:x"] }], ice_transport_policy: "relay" }
    const s = feed(welcome("c1", rtc), {
      type: "presence.state",
      connections: [entry("c1", "me"), entry("c2", "bob", { audio: false, video: true })],
    })
    expect(s.rtc).toEqual(rtc)
    expect(Object.keys(s.members)).toEqual(["c2"])
    expect(s.members.c2).toMatchObject({ participantId: "bob", name: "BOB", audio: false })
    expect(inCall(s)).toBe(false)
  })

  it("follows call.state: join, mute, leave; our own join puts us in", () => {
    let s = feed(welcome("c1"), { type: "presence.state", connections: [] })
    s = rosterReducer(s, msg(state("c1", "me", {})))
    s = rosterReducer(s, msg(state("c2", "bob", {})))
    expect(inCall(s)).toBe(true)
    expect(headcount(s)).toBe(2)
    s = rosterReducer(s, msg(state("c2", "bob", { audio: false })))
    expect(others(s, "me")).toMatchObject([{ participantId: "bob", audio: false, video: true }])
    s = rosterReducer(s, msg(state("c2", "bob", { in_call: false, reason: "left" })))
    expect(others(s, "me")).toEqual([])
    expect(s.replaced).toBe(false)
  })

  it("drops a connection's seat on presence.left", () => {
    let s = feed(welcome("c1"), state("c2", "bob", {}))
    s = rosterReducer(
      s,
      msg({
        type: "presence.left",
        seq: 3,
        ts: 1,
        actor_id: "bob",
        data: { connection_id: "c2", participant_id: "bob" },
      }),
    )
    expect(s.members).toEqual({})
  })

  it("notices when another tab of ours took our seat, and forgets seats on a new connection", () => {
    let s = feed(welcome("c1"), state("c1", "me", {}))
    s = rosterReducer(s, msg(state("c1", "me", { in_call: false, reason: "replaced" })))
    expect(s.replaced).toBe(true)
    s = rosterReducer(s, msg(welcome("c9")))
    expect(s).toMatchObject({ me: "c9", members: {}, replaced: false })
  })

  it("ignores malformed and unrelated messages", () => {
    const s = feed(welcome("c1"))
    expect(
      rosterReducer(s, msg({ type: "call.state", seq: null, ts: 1, actor_id: null, data: {} })),
    ).toBe(s)
    expect(
      rosterReducer(s, msg({ type: "chat.message", seq: 1, ts: 1, actor_id: null, data: {} })),
    ).toBe(s)
  })

  it("lists each other person once, by name", () => {
    const s = feed(
      welcome("c1"),
      state("c3", "zed", {}),
      state("c2", "amy", {}),
      state("c1", "me", {}),
    )
    expect(others(s, "me").map((m) => m.name)).toEqual(["AMY", "ZED"])
  })
})
