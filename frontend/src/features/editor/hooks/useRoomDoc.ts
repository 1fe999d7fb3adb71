import { wsOrigin } from "@/lib/ws-url"
// One effect owns the room's Y.Doc, its IndexedDB copy and its WebSocket provider, and
// destroys all three in cleanup (yjs-demos monaco-react pattern). Connection state goes
// through the pure reducer in ../status.ts.
import { useEffect, useReducer, useRef, useState } from "react"
import { IndexeddbPersistence } from "y-indexeddb"
import type { Awareness } from "y-protocols/awareness"
import { WebsocketProvider } from "y-websocket"
import * as Y from "yjs"
import { type SyncEvent, type SyncState, initialSyncState, syncReducer } from "../status"

export const CLOSE_UNAUTHENTICATED = 4401
export const CLOSE_FORBIDDEN = 4403

export interface RoomDoc {
  doc: Y.Doc
  files: Y.Map<Y.Text>
  meta: Y.Map<unknown>
  provider: WebsocketProvider
  awareness: Awareness
}

export interface RoomDocOptions {
  roomId: string
  /** Keys the local IndexedDB copy: one per participant, so two people on one browser don't mix. */
  participantId: string
  /** The current access token (read at every (re)connect). */
  getToken: () => string | null
  /** Called once when the server refuses the token; resolves true if a new one is available. */
  renewToken: () => Promise<boolean>
}

// How often to look whether the socket has sent everything after an edit.
const FLUSH_POLL_MS = 50

export function useRoomDoc(options: RoomDocOptions): { room: RoomDoc | null; sync: SyncState } {
  const [room, setRoom] = useState<RoomDoc | null>(null)
  const [sync, dispatch] = useReducer(syncReducer, initialSyncState)
  const opts = useRef(options)
  opts.current = options
  const { roomId, participantId } = options

  useEffect(() => {
    const unsubs: Array<() => void> = []
    const doc = new Y.Doc()
    const local = new IndexeddbPersistence(`coderoom:${roomId}:${participantId}`, doc)
    const provider = new WebsocketProvider(`${wsOrigin()}/ws/rooms/${roomId}`, "doc", doc, {
      connect: false,
      params: {},
      disableBc: true, // every tab authenticates on its own; no cross-tab side channel
      maxBackoffTime: 5000,
    })
    const send = (event: SyncEvent) => dispatch(event)

    const connect = () => {
      const token = opts.current.getToken()
      if (token === null) return send({ type: "denied" })
      provider.params = { token }
      provider.connect()
    }

    let flushTimer = 0
    const watchFlush = () => {
      window.clearTimeout(flushTimer)
      const check = () => {
        const ws = provider.ws
        if (provider.synced && ws && ws.readyState === ws.OPEN && ws.bufferedAmount === 0) {
          send({ type: "flushed" })
        } else {
          flushTimer = window.setTimeout(check, FLUSH_POLL_MS)
        }
      }
      flushTimer = window.setTimeout(check, 0)
    }
    unsubs.push(() => window.clearTimeout(flushTimer))

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === local) return // remote or loaded from disk
      send({ type: "local-edit", sentNow: provider.wsconnected && provider.synced })
      watchFlush()
    }
    doc.on("update", onUpdate)
    unsubs.push(() => doc.off("update", onUpdate))

    const onStatus = ({ status }: { status: "connected" | "disconnected" | "connecting" }) =>
      send({ type: "socket", status })
    provider.on("status", onStatus)
    unsubs.push(() => provider.off("status", onStatus))

    const onSync = (synced: boolean) => {
      if (!synced) return
      send({ type: "synced" })
      // Offline edits go out as our sync-step-2 answer, sent before the server's step 2
      // completes the handshake; wait until the socket has drained to call them saved.
      watchFlush()
    }
    provider.on("sync", onSync)
    unsubs.push(() => provider.off("sync", onSync))

    const onClosed = (event: { code: number }) => {
      if (event.code === CLOSE_UNAUTHENTICATED) {
        opts.current
          .renewToken()
          .then((renewed) => (renewed ? connect() : send({ type: "denied" })))
      } else {
        send({ type: "denied" })
      }
    }
    provider.on("closed", onClosed)
    unsubs.push(() => provider.off("closed", onClosed))

    // The browser's own network state decides "offline": a dead socket can take the watchdog
    // 30 s to notice, and edits should not be sent into it meanwhile.
    const onOffline = () => {
      send({ type: "browser-offline" })
      provider.disconnect()
    }
    const onOnline = () => {
      send({ type: "browser-online" })
      connect()
    }
    window.addEventListener("offline", onOffline)
    window.addEventListener("online", onOnline)
    unsubs.push(() => {
      window.removeEventListener("offline", onOffline)
      window.removeEventListener("online", onOnline)
    })

    if (navigator.onLine) connect()
    else send({ type: "browser-offline" })

    setRoom({
      doc,
      files: doc.getMap<Y.Text>("files"),
      meta: doc.getMap<unknown>("meta"),
      provider,
      awareness: provider.awareness,
    })
    return () => {
      for (const unsub of unsubs) unsub()
      setRoom(null)
      provider.destroy()
      local.destroy()
      doc.destroy()
    }
  }, [roomId, participantId])

  return { room, sync }
}

/** While edits are unsynced, closing or reloading the tab asks for confirmation. */
export function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older Chromium needs returnValue set to show the dialog.
      event.returnValue = ""
    }
    window.addEventListener("beforeunload", onBeforeUnload)
    return () => window.removeEventListener("beforeunload", onBeforeUnload)
  }, [active])
}
