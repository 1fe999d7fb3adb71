import type { components } from "@/api/schema"
import { api, roomHeaders, unwrap } from "@/lib/http"
import { setGuestToken } from "@/lib/session"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { cacheRoom, cachedRoom } from "./roomCache"

export type Room = components["schemas"]["RoomPublic"]
export type Participant = components["schemas"]["ParticipantPublic"]
export type RoomCreate = components["schemas"]["RoomCreate"]
export type Invite = components["schemas"]["InvitePublic"]
export type JoinResult = components["schemas"]["JoinResult"]

export const roomsKey = ["rooms"] as const
export const roomKey = (roomId: string) => ["rooms", roomId] as const
export const inviteKey = (code: string) => ["invites", code] as const

export function useMyRooms() {
  return useQuery({
    queryKey: roomsKey,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/rooms", { params: { query: { limit: 100 } } })),
  })
}

/**
 * One room as this browser sees it. When the network is down the last answer kept in
 * localStorage is used, so a reload while offline still opens the editor on local data.
 */
export function useRoom(roomId: string) {
  return useQuery({
    queryKey: roomKey(roomId),
    queryFn: async () => {
      try {
        const room = unwrap(
          await api.GET("/api/v1/rooms/{room_id}", {
            params: { path: { room_id: roomId } },
            headers: roomHeaders(roomId),
          }),
        )
        cacheRoom(room)
        return room
      } catch (error) {
        const cached = error instanceof TypeError ? cachedRoom(roomId) : null
        if (cached) return cached
        throw error
      }
    },
    retry: false,
    // The events socket announces admission; polling is the fallback if it is down.
    refetchInterval: (query) => (query.state.data?.me?.status === "waiting" ? 5000 : false),
  })
}

export function useCreateRoom() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (body: RoomCreate) => unwrap(await api.POST("/api/v1/rooms", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: roomsKey }),
  })
}

export function useDeleteRoom() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (roomId: string) =>
      unwrap(
        await api.DELETE("/api/v1/rooms/{room_id}", { params: { path: { room_id: roomId } } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: roomsKey }),
  })
}

export function useRegenerateInvite(roomId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/v1/rooms/{room_id}/invite", {
          params: { path: { room_id: roomId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: roomKey(roomId) }),
  })
}

export function useInvite(code: string) {
  return useQuery({
    queryKey: inviteKey(code),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/invites/{code}", { params: { path: { code } } })),
    retry: false,
  })
}

/** Join through an invite: as the signed-in account, or as a guest with a name. */
export function useJoinInvite(code: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (body: components["schemas"]["InviteJoin"]) => {
      const result = unwrap(
        await api.POST("/api/v1/invites/{code}/join", { params: { path: { code } }, body }),
      )
      if (result.access_token) setGuestToken(result.room_id, result.access_token)
      return result
    },
    onSuccess: (result) => client.invalidateQueries({ queryKey: roomKey(result.room_id) }),
  })
}

/** Join a room by id as the signed-in account (dashboard "join by id"). */
export function useJoinRoom() {
  return useMutation({
    mutationFn: async ({ roomId, password }: { roomId: string; password?: string }) =>
      unwrap(
        await api.POST("/api/v1/rooms/{room_id}/join", {
          params: { path: { room_id: roomId } },
          body: password ? { password } : {},
        }),
      ),
  })
}

export function inviteUrl(code: string, origin = window.location.origin): string {
  return `${origin}/join/${code}`
}
