import type { components } from "@/api/schema"
import { api, roomHeaders, unwrap } from "@/lib/http"
import { useQuery } from "@tanstack/react-query"

export type Timeline = components["schemas"]["TimelinePublic"]
export type Marker = components["schemas"]["MarkerPublic"]
export type Lane = components["schemas"]["LanePublic"]
export type Analytics = components["schemas"]["AnalyticsPublic"]
export type ParticipantStats = components["schemas"]["ParticipantStats"]
export type UpdateBytes = components["schemas"]["UpdateBytes"]

const PAGE = 2000

export function useTimeline(roomId: string) {
  return useQuery({
    queryKey: ["rooms", roomId, "replay"],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/replay", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
        }),
      ),
    retry: false,
  })
}

/**
 * Every logged document update of the room, fetched page by page; only once `enabled` (the
 * page waits for the timeline, so a refused room is asked nothing more).
 */
export function useUpdates(roomId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["rooms", roomId, "replay", "updates"],
    queryFn: async () => {
      const all: UpdateBytes[] = []
      let after = 0
      for (;;) {
        const page = unwrap(
          await api.GET("/api/v1/rooms/{room_id}/replay/updates", {
            params: { path: { room_id: roomId }, query: { after_seq: after, limit: PAGE } },
            headers: roomHeaders(roomId),
          }),
        )
        all.push(...page.updates)
        if (page.next_after_seq === null || page.next_after_seq === undefined) return all
        after = page.next_after_seq
      }
    },
    enabled,
    retry: false,
  })
}

export function useAnalytics(roomId: string, idleGapS: number) {
  return useQuery({
    queryKey: ["rooms", roomId, "replay", "analytics", idleGapS],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/replay/analytics", {
          params: { path: { room_id: roomId }, query: { idle_gap_s: idleGapS } },
          headers: roomHeaders(roomId),
        }),
      ),
    retry: false,
  })
}
