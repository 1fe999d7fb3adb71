import type { components } from "@/api/schema"
import { api, roomHeaders, unwrap } from "@/lib/http"
import { useMutation, useQuery } from "@tanstack/react-query"
import type { RunFinishedData } from "./console"

export type Language = components["schemas"]["LanguagePublic"]
export type Execution = components["schemas"]["ExecutionPublic"]

export const languagesKey = ["languages"] as const

/** Languages whose toolchain works on this server (they do not change while the page lives). */
export function useLanguages() {
  return useQuery({
    queryKey: languagesKey,
    queryFn: async () => unwrap(await api.GET("/api/v1/languages")).languages,
    staleTime: Number.POSITIVE_INFINITY,
  })
}

/** Languages' display names by id ("python" → "Python 3"); the id until the list has loaded. */
export function useLanguageNames(): (id: string) => string {
  const { data } = useLanguages()
  return (id) => data?.find((l) => l.id === id)?.name ?? id
}

/** A language's display name ("Python 3"); its id until the list has loaded. */
export function useLanguageName(id: string): string {
  return useLanguageNames()(id)
}

export interface RunInput {
  language: string
  code: string
  stdin: string
}

/** Run code for the room: everybody in it sees `run.started` and `run.finished`. */
export function useRunCode(roomId: string) {
  return useMutation({
    mutationFn: async (input: RunInput): Promise<Execution> =>
      unwrap(
        await api.POST("/api/v1/executions", {
          body: { ...input, room_id: roomId },
          headers: roomHeaders(roomId),
        }),
      ),
  })
}

/** The room's latest run, so a late joiner (or a reload) sees the last output. */
export async function fetchLatestRun(roomId: string): Promise<RunFinishedData | null> {
  const { run } = unwrap(
    await api.GET("/api/v1/rooms/{room_id}/runs/latest", {
      params: { path: { room_id: roomId } },
      headers: roomHeaders(roomId),
    }),
  )
  return run as unknown as RunFinishedData | null
}
