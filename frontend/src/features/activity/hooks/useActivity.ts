import type { EventMessage, RoomEvents } from "@/lib/room-protocol"
import { useEffect, useState } from "react"
import { fetchActivity } from "../api"

/** Most events the log keeps in memory (the REST log has them all). */
const KEPT = 2000

function merge(current: EventMessage[], incoming: EventMessage[]): EventMessage[] {
  const seen = new Set(current.map((e) => e.seq))
  const added = incoming.filter((e) => e.seq !== null && !seen.has(e.seq))
  if (added.length === 0) return current
  const all = [...current, ...added].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
  return all.length > KEPT ? all.slice(all.length - KEPT) : all
}

/** The room's activity: the recorded log, then every sequenced event as it happens. */
export function useActivity(roomId: string, events: RoomEvents) {
  const [log, setLog] = useState<EventMessage[]>([])
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let live = true
    setLog([])
    fetchActivity(roomId)
      .then(({ events: page }) => {
        if (live) setLog((current) => merge(current, page))
      })
      .catch((e: unknown) => {
        if (live) setError(e)
      })
    return () => {
      live = false
    }
  }, [roomId])
  const { subscribe } = events
  useEffect(
    () =>
      subscribe(
        "*",
        (message) => {
          if ("seq" in message && "data" in message && typeof message.seq === "number") {
            setLog((current) => merge(current, [message as EventMessage]))
          }
        },
        { replay: true },
      ),
    [subscribe],
  )
  return { log, error }
}
