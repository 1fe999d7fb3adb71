// Host and interviewer actions on a room's people. Each answers with the changed participant;
// the room hears about it as an event, so the lists update from the events socket.
import { api, roomHeaders, unwrap } from "@/lib/http"
import { useMutation } from "@tanstack/react-query"

export type AssignableRole = "interviewer" | "candidate" | "observer"

const path = (roomId: string, participantId: string) => ({
  params: { path: { room_id: roomId, participant_id: participantId } },
  headers: roomHeaders(roomId),
})

export function useAdmission(roomId: string) {
  return useMutation({
    mutationFn: async ({ id, admit }: { id: string; admit: boolean }) =>
      unwrap(
        admit
          ? await api.POST(
              "/api/v1/rooms/{room_id}/participants/{participant_id}/admit",
              path(roomId, id),
            )
          : await api.POST(
              "/api/v1/rooms/{room_id}/participants/{participant_id}/reject",
              path(roomId, id),
            ),
      ),
  })
}

export function useSetRole(roomId: string) {
  return useMutation({
    mutationFn: async ({ id, role }: { id: string; role: AssignableRole }) =>
      unwrap(
        await api.PATCH("/api/v1/rooms/{room_id}/participants/{participant_id}", {
          ...path(roomId, id),
          body: { role },
        }),
      ),
  })
}

export function useRemoveParticipant(roomId: string) {
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.DELETE("/api/v1/rooms/{room_id}/participants/{participant_id}", path(roomId, id)),
      ),
  })
}

export function useAutoAdmit(roomId: string) {
  return useMutation({
    mutationFn: async (enabled: boolean) =>
      unwrap(
        await api.PATCH("/api/v1/rooms/{room_id}", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
          body: { auto_admit: enabled },
        }),
      ),
  })
}

export function useEndRoom(roomId: string) {
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/v1/rooms/{room_id}/end", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
        }),
      ),
  })
}
