import type { components } from "@/api/schema"
import { api, roomHeaders, unwrap } from "@/lib/http"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"

export type Snapshot = components["schemas"]["SnapshotPublic"]

const snapshotsKey = (roomId: string) => ["rooms", roomId, "snapshots"] as const

export function useSnapshots(roomId: string) {
  return useQuery({
    queryKey: snapshotsKey(roomId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/snapshots", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
        }),
      ).data,
  })
}

export function useSnapshot(roomId: string, snapshotId: string | null) {
  return useQuery({
    queryKey: [...snapshotsKey(roomId), snapshotId],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/snapshots/{snapshot_id}", {
          params: { path: { room_id: roomId, snapshot_id: snapshotId ?? "" } },
          headers: roomHeaders(roomId),
        }),
      ),
    enabled: snapshotId !== null,
  })
}

export function useSaveSnapshot(roomId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (message: string) =>
      unwrap(
        await api.POST("/api/v1/rooms/{room_id}/snapshots", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
          body: { message },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: snapshotsKey(roomId) }),
  })
}

/** Restore as a new edit: every connected editor receives it like any other change. */
export function useRestoreSnapshot(roomId: string) {
  return useMutation({
    mutationFn: async (snapshotId: string) =>
      unwrap(
        await api.POST("/api/v1/rooms/{room_id}/snapshots/{snapshot_id}/restore", {
          params: { path: { room_id: roomId, snapshot_id: snapshotId } },
          headers: roomHeaders(roomId),
        }),
      ),
  })
}
