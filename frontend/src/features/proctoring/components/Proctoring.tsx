import type { monaco } from "@/lib/monaco"
import type { RoomEvents } from "@/lib/room-protocol"
import { useProctoring } from "../hooks/useProctoring"

/** Renders nothing: sends the integrity signals of a candidate while the room records them. */
export function Proctoring({
  enabled,
  events,
  editor,
}: {
  enabled: boolean
  events: RoomEvents
  editor: monaco.editor.IStandaloneCodeEditor | null
}) {
  useProctoring(enabled, events, editor)
  return null
}
