import type { RoomEvents, ServerMessage } from "@/lib/room-protocol"
// The events hook against a real WebSocket server on loopback (the `ws` package): the URL and
// token, heartbeats, resume with ?last_seq= after a drop, and the closes that end it.
import { act, useEffect } from "react"
import { type Root, createRoot } from "react-dom/client"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type WebSocket as ServerSocket, WebSocketServer } from "ws"
import { useRoomEvents } from "./useRoomEvents"

// React's act() needs to know it runs in a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let server: WebSocketServer
let origin = ""
const connections: { url: string; socket: ServerSocket; received: string[] }[] = []

beforeAll(async () => {
  server = new WebSocketServer({ host: "127.0.0.1", port: 0 })
  await new Promise<void>((resolve) => server.once("listening", () => resolve()))
  const address = server.address()
  if (address === null || typeof address === "string") throw new Error("unexpected address")
  origin = `ws://127.0.0.1:${address.port}`
  server.on("connection", (socket, request) => {
    const entry = { url: request.url ?? "", socket, received: [] as string[] }
    socket.on("message", (data) => entry.received.push(String(data)))
    connections.push(entry)
  })
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

let root: Root | null = null
afterEach(() => {
  act(() => root?.unmount())
  root = null
  for (const c of connections) c.socket.terminate()
  connections.length = 0
})

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time")
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)))
  }
}

function mount(token: string | null, renew: () => Promise<boolean> = async () => false) {
  const seen: ServerMessage[] = []
  const state: { events: RoomEvents | null } = { events: null }
  function Probe() {
    const events = useRoomEvents({
      roomId: "room-1",
      getToken: () => token,
      renewToken: renew,
      origin,
    })
    state.events = events
    useEffect(() => events.subscribe("*", (m) => seen.push(m)), [events.subscribe])
    return null
  }
  act(() => {
    root = createRoot(document.createElement("div"))
    root.render(<Probe />)
  })
  return { seen, state }
}

const send = (socket: ServerSocket, message: object) => socket.send(JSON.stringify(message))

describe("useRoomEvents", () => {
  it("connects with the token, answers pings and delivers messages", async () => {
    const { seen, state } = mount("tok en")
    await until(() => connections.length === 1)
    const [c] = connections
    expect(c?.url).toBe("/ws/rooms/room-1/events?token=tok%20en")
    await until(() => state.events?.status === "open")
    send(c!.socket, {
      type: "welcome",
      connection_id: "c",
      seq: 7,
      participant: {},
      heartbeat_s: 30,
    })
    send(c!.socket, { type: "ping", ts: 1 })
    await until(() => c!.received.length === 1)
    expect(JSON.parse(c!.received[0]!)).toEqual({ type: "pong" })
    expect(seen.map((m) => m.type)).toEqual(["welcome", "ping"])
    expect(state.events?.send({ type: "typing", active: true })).toBe(true)
    await until(() => c!.received.length === 2)
  })

  it("resumes after a drop from the highest seq it saw", async () => {
    const { state } = mount("t")
    await until(() => connections.length === 1)
    const first = connections[0]!
    send(first.socket, {
      type: "welcome",
      connection_id: "c",
      seq: 3,
      participant: {},
      heartbeat_s: 30,
    })
    send(first.socket, { type: "chat.message", seq: 5, ts: 0, actor_id: null, data: {} })
    send(first.socket, { type: "typing", seq: null, ts: 0, actor_id: null, data: {} })
    await until(() => state.events?.status === "open")
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    first.socket.close(1012)
    await until(() => connections.length === 2, 5000)
    expect(connections[1]?.url).toBe("/ws/rooms/room-1/events?token=t&last_seq=5")
  })

  it("stops for good on 4403 and renews the token on 4401", async () => {
    let renewals = 0
    const { state } = mount("t", async () => {
      renewals++
      return true
    })
    await until(() => connections.length === 1)
    connections[0]!.socket.close(4401)
    await until(() => connections.length === 2, 5000)
    expect(renewals).toBe(1)
    connections[1]!.socket.close(4403)
    await until(() => state.events?.status === "closed")
    expect(state.events?.closeCode).toBe(4403)
    await act(() => new Promise((resolve) => setTimeout(resolve, 700)))
    expect(connections).toHaveLength(2)
  })

  it("never connects without a token", async () => {
    const { state } = mount(null)
    await until(() => state.events?.status === "closed")
    expect(connections).toHaveLength(0)
  })
})
