import type { components } from "@/api/schema"
import { api, roomHeaders, unwrap } from "@/lib/http"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"

export type Note = components["schemas"]["NotePublic"]
export type Notes = components["schemas"]["NotesPublic"]
export type NoteIn = components["schemas"]["NoteIn"]
export type Scorecard = components["schemas"]["ScorecardPublic"]
export type Scorecards = components["schemas"]["ScorecardsPublic"]
export type ScorecardIn = components["schemas"]["ScorecardIn"]
export type Rating = Scorecards["ratings"][number]
export type Criterion = Scorecards["criteria"][number]

const notesKey = (roomId: string) => ["rooms", roomId, "notes"] as const
const scorecardsKey = (roomId: string) => ["rooms", roomId, "scorecards"] as const
const path = (roomId: string) => ({ params: { path: { room_id: roomId } } })

// Other staff's shared notes and submissions show up without any socket event: notes are
// never published on the room's sockets (candidates share them), so the staff poll.
const POLL_MS = 10_000

export function useNotes(roomId: string, poll = true) {
  return useQuery({
    queryKey: notesKey(roomId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/notes", {
          ...path(roomId),
          headers: roomHeaders(roomId),
        }),
      ),
    refetchInterval: poll ? POLL_MS : false,
  })
}

/** Saves the caller's note; the cache keeps what was saved (the editor owns its draft). */
export async function saveNote(roomId: string, body: NoteIn): Promise<Note> {
  return unwrap(
    await api.PUT("/api/v1/rooms/{room_id}/notes/me", {
      ...path(roomId),
      headers: roomHeaders(roomId),
      body,
    }),
  )
}

export function useScorecards(roomId: string, poll = true) {
  return useQuery({
    queryKey: scorecardsKey(roomId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/scorecards", {
          ...path(roomId),
          headers: roomHeaders(roomId),
        }),
      ),
    refetchInterval: poll ? POLL_MS : false,
  })
}

/** Save the caller's scorecard as a draft, or (submit) save it as final. */
export function useSaveScorecard(roomId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, submit }: { body: ScorecardIn; submit: boolean }) => {
      const options = { ...path(roomId), headers: roomHeaders(roomId), body }
      return unwrap(
        submit
          ? await api.POST("/api/v1/rooms/{room_id}/scorecards/me/submit", options)
          : await api.PUT("/api/v1/rooms/{room_id}/scorecards/me", options),
      )
    },
    // Submitting may unlock the others' scorecards: ask again at once.
    onSuccess: () => client.invalidateQueries({ queryKey: scorecardsKey(roomId) }),
  })
}
