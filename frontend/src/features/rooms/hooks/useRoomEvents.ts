import { backoffDelay } from "@/lib/backoff"
import {
  type ClientMessage,
  EVENTS_CLOSE,
  type EventsStatus,
  type RoomEvents,
  type ServerMessage,
} from "@/lib/room-protocol"
import { wsOrigin } from "@/lib/ws-url"
// The page's one connection to the room events socket: connect with the access token, answer
// heartbeats, reconnect with jittered backoff, and resume from the last sequence number seen
// so no event is missed across a drop. Panels subscribe by message type.
import { useCallback, useEffect, useMemo, useRef, useState } from "react"

type Handler = (message: ServerMessage) => void

// How many messages since the last welcome are kept for late subscribers.
const BACKLOG_SIZE = 500

// Closes after which reconnecting cannot help (the server said no for good).
const TERMINAL = new Set<number>([
  EVENTS_CLOSE.forbidden,
  EVENTS_CLOSE.roomEnded,
  EVENTS_CLOSE.rateLimited,
])

export interface RoomEventsOptions {
  roomId: string
  getToken: () => string | null
  renewToken: () => Promise<boolean>
  enabled?: boolean
  /** ws(s)://host of the server; our own origin unless a test points elsewhere. */
  origin?: string
}

export function useRoomEvents({
  roomId,
  getToken,
  renewToken,
  enabled = true,
  origin,
}: RoomEventsOptions): RoomEvents {
  const [status, setStatus] = useState<EventsStatus>("connecting")
  const [closeCode, setCloseCode] = useState<number | null>(null)
  const handlers = useRef(new Map<string, Set<Handler>>())
  const socket = useRef<WebSocket | null>(null)
  // Messages since the last welcome, replayed to late subscribers that ask (see RoomEvents).
  const backlog = useRef<ServerMessage[]>([])
  const auth = useRef({ getToken, renewToken })
  auth.current = { getToken, renewToken }

  useEffect(() => {
    if (!enabled) return
    let stopped = false
    let attempt = 0
    let lastSeq: number | null = null
    let timer = 0
    setStatus("connecting")
    setCloseCode(null)

    const dispatch = (message: ServerMessage) => {
      for (const key of [message.type, "*"]) {
        for (const handler of handlers.current.get(key) ?? []) handler(message)
      }
    }

    const retry = () => {
      if (stopped) return
      setStatus("reconnecting")
      timer = window.setTimeout(open, backoffDelay(attempt++))
    }

    function open() {
      const token = auth.current.getToken()
      if (token === null) {
        setStatus("closed")
        return
      }
      // Resuming with ?last_seq= on connect keeps strict order (docs/protocol.md 1.4).
      const resume = lastSeq === null ? "" : `&last_seq=${lastSeq}`
      const url = `${origin ?? wsOrigin()}/ws/rooms/${encodeURIComponent(roomId)}/events?token=${encodeURIComponent(token)}${resume}`
      const ws = new WebSocket(url)
      socket.current = ws
      ws.onopen = () => {
        attempt = 0
        setStatus("open")
      }
      ws.onmessage = (event) => {
        let message: ServerMessage
        try {
          message = JSON.parse(String(event.data)) as ServerMessage
        } catch {
          return // not ours to crash on
        }
        if (message.type === "ping") ws.send(JSON.stringify({ type: "pong" }))
        // welcome.seq is where live delivery starts; on resume, missed events follow it.
        if (message.type === "welcome" && lastSeq === null) lastSeq = message.seq
        if (message.type === "resync_required") lastSeq = message.seq
        if ("seq" in message && typeof message.seq === "number" && message.type !== "welcome") {
          lastSeq = Math.max(lastSeq ?? 0, message.seq)
        }
        if (message.type === "welcome") backlog.current = []
        if (message.type !== "ping" && message.type !== "pong") {
          backlog.current.push(message)
          if (backlog.current.length > BACKLOG_SIZE) backlog.current.shift()
        }
        dispatch(message)
      }
      ws.onclose = (event) => {
        if (socket.current === ws) socket.current = null
        if (stopped) return
        if (event.code === EVENTS_CLOSE.unauthenticated) {
          auth.current.renewToken().then((ok) => {
            if (ok) retry()
            else {
              setCloseCode(event.code)
              setStatus("closed")
            }
          })
        } else if (TERMINAL.has(event.code)) {
          setCloseCode(event.code)
          setStatus("closed")
        } else {
          retry()
        }
      }
    }

    const onOnline = () => {
      if (socket.current === null && !stopped) {
        window.clearTimeout(timer)
        attempt = 0
        open()
      }
    }
    // A dead socket can look open for a while; the browser knows sooner. Closing it makes the
    // status (and the presence shown from it) honest until the network is back.
    const onOffline = () => socket.current?.close(1000)
    window.addEventListener("online", onOnline)
    window.addEventListener("offline", onOffline)
    open()
    return () => {
      stopped = true
      window.clearTimeout(timer)
      window.removeEventListener("online", onOnline)
      window.removeEventListener("offline", onOffline)
      socket.current?.close(1000)
      socket.current = null
    }
  }, [roomId, enabled, origin])

  const subscribe = useCallback(
    (type: string, handler: Handler, options?: { replay?: boolean }) => {
      let set = handlers.current.get(type)
      if (!set) {
        set = new Set()
        handlers.current.set(type, set)
      }
      set.add(handler)
      if (options?.replay) {
        for (const message of [...backlog.current]) {
          if (type === "*" || message.type === type) handler(message)
        }
      }
      return () => {
        set.delete(handler)
      }
    },
    [],
  )

  const send = useCallback((message: ClientMessage) => {
    const ws = socket.current
    if (!ws || ws.readyState !== WebSocket.OPEN) return false
    ws.send(JSON.stringify(message))
    return true
  }, [])

  return useMemo<RoomEvents>(
    () => ({ status, closeCode, subscribe, send }),
    [status, closeCode, subscribe, send],
  )
}
