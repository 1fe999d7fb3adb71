import { api, roomHeaders, unwrap } from "@/lib/http"
import type { EventMessage } from "@/lib/room-protocol"

/** The room's recorded events (staff only), oldest first, up to `limit` after `after`. */
export async function fetchActivity(roomId: string, after = 0, limit = 1000) {
  const page = unwrap(
    await api.GET("/api/v1/rooms/{room_id}/events", {
      params: { path: { room_id: roomId }, query: { after, limit } },
      headers: roomHeaders(roomId),
    }),
  )
  return { events: page.events as EventMessage[], nextAfter: page.next_after }
}
