import type { EventMessage, RoomEvents } from "@/lib/room-protocol"
import { useEffect, useRef, useState } from "react"
import "./activity.css"

interface Toast {
  id: number
  text: string
}

const SHOWN_MS = 4000
const MAX_SHOWN = 3

/** The short notice a room event deserves, or null. Own actions are not announced. */
export function toastText(message: EventMessage, meId: string): string | null {
  const data = message.data ?? {}
  const participant = data.participant as { id?: string; display_name?: string } | undefined
  const by = data.by as { participant_id?: string; name?: string } | undefined
  switch (message.type) {
    case "participant.joined":
      return participant?.id === meId ? null : `${participant?.display_name ?? "Someone"} joined`
    case "run.started":
      return by?.participant_id === meId ? null : `${by?.name ?? "Someone"} is running the code`
    case "problem.changed":
      return typeof data.title === "string" ? `Problem: ${data.title}` : null
    case "submission.notice":
      return data.participant_id === meId
        ? null
        : `${String(data.display_name ?? "Someone")} submitted`
    default:
      return null
  }
}

/** Passing notices for joins, leaves, runs, submissions and the problem (polite live region). */
export function RoomToasts({
  events,
  meId,
  presence,
}: {
  events: RoomEvents
  meId: string
  /** name → online, for "X left" / "X is back" when someone's last connection drops. */
  presence: Array<{ id: string; name: string; online: boolean }>
}) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const next = useRef(0)
  const push = useRef((text: string) => {
    const id = next.current++
    setToasts((current) => [...current, { id, text }].slice(-MAX_SHOWN))
    window.setTimeout(() => setToasts((current) => current.filter((t) => t.id !== id)), SHOWN_MS)
  })
  const { subscribe } = events
  useEffect(
    () =>
      subscribe("*", (message) => {
        if (!("data" in message) || typeof message.seq !== "number") return
        const text = toastText(message as EventMessage, meId)
        if (text) push.current(text)
      }),
    [subscribe, meId],
  )
  // Presence changes come from the participant list (one person may have several tabs).
  const wasOnline = useRef<Map<string, boolean> | null>(null)
  useEffect(() => {
    const now = new Map(presence.map((p) => [p.id, p.online]))
    const before = wasOnline.current
    wasOnline.current = now
    if (before === null) return
    for (const p of presence) {
      if (p.id === meId || before.get(p.id) === p.online || !before.has(p.id)) continue
      push.current(p.online ? `${p.name} is back` : `${p.name} left`)
    }
  }, [presence, meId])
  // The live region stays in the page so that screen readers hear what is added to it.
  return (
    <ul className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <li key={t.id} className="toast-item">
          {t.text}
        </li>
      ))}
    </ul>
  )
}
