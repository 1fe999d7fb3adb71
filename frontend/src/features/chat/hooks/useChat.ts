import type { RoomEvents } from "@/lib/room-protocol"
import { type RefObject, useCallback, useEffect, useReducer, useRef } from "react"
import { chatReducer, emptyChat } from "../chat"
import { setUnread } from "../unread"

/** How often "still typing" is re-sent while keys are being pressed. */
const TYPING_EVERY_MS = 1500
const TYPING_IDLE_MS = 3000

/** Chat over the events socket; `root` is the panel, watched to know if messages are seen. */
export function useChat(events: RoomEvents, meId: string, root: RefObject<HTMLElement | null>) {
  const [state, dispatch] = useReducer(chatReducer, emptyChat)
  const { subscribe, send } = events
  useEffect(() => {
    const onMessage = (message: Parameters<Parameters<typeof subscribe>[1]>[0]) =>
      dispatch({ type: "server", message, now: Date.now(), meId })
    // History and messages may have arrived before this panel mounted: replay them (the
    // reducer drops duplicates by seq). A replayed "typing" would be stale: not replayed.
    const unsubs = [
      subscribe("chat.history", onMessage, { replay: true }),
      subscribe("chat.message", onMessage, { replay: true }),
      subscribe("typing", onMessage),
    ]
    const timer = window.setInterval(() => dispatch({ type: "expire", now: Date.now() }), 1000)
    return () => {
      for (const unsub of unsubs) unsub()
      window.clearInterval(timer)
    }
  }, [subscribe, meId])

  // A hidden tab panel has no box: the observer says when the chat is on screen.
  useEffect(() => {
    const node = root.current
    if (!node) return
    const observer = new IntersectionObserver((entries) => {
      dispatch({ type: "visible", visible: entries.some((e) => e.isIntersecting) })
    })
    observer.observe(node)
    return () => observer.disconnect()
  }, [root])
  useEffect(() => setUnread(state.unread), [state.unread])
  useEffect(() => () => setUnread(0), [])

  const typingSince = useRef(0)
  const idle = useRef(0)
  const stopTyping = useCallback(() => {
    window.clearTimeout(idle.current)
    if (typingSince.current !== 0) send({ type: "typing", active: false })
    typingSince.current = 0
  }, [send])
  const typing = useCallback(() => {
    const now = Date.now()
    if (now - typingSince.current > TYPING_EVERY_MS) {
      send({ type: "typing", active: true })
      typingSince.current = now
    }
    window.clearTimeout(idle.current)
    idle.current = window.setTimeout(stopTyping, TYPING_IDLE_MS)
  }, [send, stopTyping])
  useEffect(() => () => window.clearTimeout(idle.current), [])

  const post = useCallback(
    (text: string) => {
      stopTyping()
      return send({ type: "chat.send", text, client_id: crypto.randomUUID() })
    },
    [send, stopTyping],
  )
  return { state, post, typing, stopTyping }
}
