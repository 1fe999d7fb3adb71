import type { components } from "@/api/schema"
import { api, roomHeaders, unwrap } from "@/lib/http"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"

export type ProblemSummary = components["schemas"]["ProblemSummary"]
export type ProblemPublic = components["schemas"]["ProblemPublic"]
export type ProblemFull = components["schemas"]["ProblemFull"]
export type RoomProblem = ProblemPublic | ProblemFull
export type RunTestsResult = components["schemas"]["RunTestsResult"]
export type SubmissionPublic = components["schemas"]["SubmissionPublic"]
export type SubmissionFull = components["schemas"]["SubmissionFull"]
export type Submission = SubmissionPublic | SubmissionFull
export type Difficulty = ProblemSummary["difficulty"]

export const roomProblemKey = (roomId: string) => ["rooms", roomId, "problem"] as const
export const submissionsKey = (roomId: string) => ["rooms", roomId, "submissions"] as const
/** The latest "Run tests" or "Submit" outcome of this browser (shown under the buttons). */
export const outcomeKey = (roomId: string) => ["rooms", roomId, "test-outcome"] as const

export type TestOutcome =
  | { kind: "tests"; result: RunTestsResult }
  | { kind: "submission"; result: Submission }

export function isFull(problem: RoomProblem): problem is ProblemFull {
  return problem.view === "full"
}

export function isFullSubmission(s: Submission): s is SubmissionFull {
  return s.view === "full"
}

/** The room's problem, or null when none is attached. */
export function useRoomProblem(roomId: string) {
  return useQuery({
    queryKey: roomProblemKey(roomId),
    queryFn: async (): Promise<RoomProblem | null> =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/problem", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
        }),
      ),
  })
}

/** The problem library (accounts only), filtered by text and difficulty. */
export function useProblemLibrary(q: string, difficulty: Difficulty | "", enabled: boolean) {
  return useQuery({
    queryKey: ["problems", q, difficulty],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/problems", {
          params: {
            query: { q: q || undefined, difficulty: difficulty || undefined, limit: 50 },
          },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  })
}

/** Staff: put a problem into the room (everyone hears `problem.changed`). */
export function useAttachProblem(roomId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (problemId: string | null) =>
      unwrap(
        await api.PUT("/api/v1/rooms/{room_id}/problem", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
          body: { problem_id: problemId },
        }),
      ),
    onSuccess: (problem) => client.setQueryData(roomProblemKey(roomId), problem ?? null),
  })
}

export interface CodeInput {
  language: string
  code: string
}

/** "Run tests" (sample tests) and "Submit" (every test); the outcome goes to the cache. */
export function useJudge(roomId: string) {
  const client = useQueryClient()
  const setOutcome = (outcome: TestOutcome) => client.setQueryData(outcomeKey(roomId), outcome)
  const runTests = useMutation({
    mutationFn: async (body: CodeInput) =>
      unwrap(
        await api.POST("/api/v1/rooms/{room_id}/problem/run-tests", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
          body,
        }),
      ),
    onSuccess: (result) => setOutcome({ kind: "tests", result }),
  })
  const submit = useMutation({
    mutationFn: async (body: CodeInput) =>
      unwrap(
        await api.POST("/api/v1/rooms/{room_id}/submissions", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
          body,
        }),
      ),
    onSuccess: (result) => {
      setOutcome({ kind: "submission", result })
      client.invalidateQueries({ queryKey: submissionsKey(roomId) })
    },
  })
  return { runTests, submit }
}

/** The latest outcome of Run tests / Submit in this browser (set by useJudge). */
export function useOutcome(roomId: string) {
  return useQuery<TestOutcome | null>({
    queryKey: outcomeKey(roomId),
    queryFn: () => null,
    staleTime: Number.POSITIVE_INFINITY,
    enabled: false,
    initialData: null,
  })
}

/** Staff: every submission of the room with the full breakdown; others: their own. */
export function useSubmissions(roomId: string) {
  return useQuery({
    queryKey: submissionsKey(roomId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/submissions", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
        }),
      ).items,
  })
}

/** Staff: per participant, attempts, best score and time to the first full pass. */
export function useRoomResults(roomId: string) {
  return useQuery({
    queryKey: ["rooms", roomId, "results"],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/rooms/{room_id}/report", {
          params: { path: { room_id: roomId } },
          headers: roomHeaders(roomId),
        }),
      ),
  })
}
