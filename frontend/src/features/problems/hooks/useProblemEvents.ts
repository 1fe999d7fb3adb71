import type { RoomEvents } from "@/lib/room-protocol"
import { useQueryClient } from "@tanstack/react-query"
import { useEffect } from "react"
import { roomProblemKey, submissionsKey } from "../api"

/** Keep the room's problem and submissions current as the room announces changes. */
export function useProblemEvents(roomId: string, events: RoomEvents) {
  const client = useQueryClient()
  const { subscribe } = events
  useEffect(() => {
    const unsubs = [
      subscribe("problem.changed", () =>
        client.invalidateQueries({ queryKey: roomProblemKey(roomId) }),
      ),
      subscribe("submission.created", () =>
        client.invalidateQueries({ queryKey: submissionsKey(roomId) }),
      ),
    ]
    return () => {
      for (const unsub of unsubs) unsub()
    }
  }, [client, roomId, subscribe])
}
