// The room's shared output console as pure state: runs announced by `run.started` (shown as
// running to everyone) and completed by `run.finished`, plus the display rules for verdicts
// and for output too large to render. useRunConsole wires it to the events socket.
import type { EventMessage } from "@/lib/room-protocol"

export interface RunResult {
  status: string
  stdout: string
  stderr: string
  exit_code: number | null
  signal?: number | null
  time_ms: number
  memory_kb: number
  stdout_truncated: boolean
  stderr_truncated: boolean
}

export interface RunBy {
  participant_id: string | null
  name: string | null
}

export interface ConsoleRun {
  /** Local key: the run id once known, else a placeholder for a run still in flight. */
  key: string
  runId: string | null
  language: string
  by: RunBy
  startedAt: string | null
  /** null while the run is in flight. */
  result: RunResult | null
  /** Set when the run could not happen (queue full, unknown language...). */
  error: string | null
}

export interface ConsoleState {
  runs: ConsoleRun[]
  pending: number
}

export const emptyConsole: ConsoleState = { runs: [], pending: 0 }

/** How many runs the console keeps (older ones scroll off). */
export const KEPT_RUNS = 20

export type ConsoleAction =
  | { type: "event"; message: EventMessage }
  /** A finished run learnt over HTTP (latest run on load, or our own run's answer). */
  | { type: "finished"; run: RunFinishedData }
  | { type: "reset" }

export interface RunFinishedData {
  run_id: string | null
  language: string
  by: RunBy
  started_at?: string
  finished_at?: string
  result?: RunResult
  error?: string
}

function byOf(data: Record<string, unknown>): RunBy {
  const by = (data.by ?? {}) as Partial<RunBy>
  return { participant_id: by.participant_id ?? null, name: by.name ?? null }
}

function keep(runs: ConsoleRun[]): ConsoleRun[] {
  return runs.length > KEPT_RUNS ? runs.slice(runs.length - KEPT_RUNS) : runs
}

function finish(state: ConsoleState, data: RunFinishedData): ConsoleState {
  if (data.run_id !== null && state.runs.some((r) => r.runId === data.run_id)) return state
  const by = data.by
  const done: Omit<ConsoleRun, "key"> = {
    runId: data.run_id,
    language: data.language,
    by,
    startedAt: data.started_at ?? null,
    result: data.result ?? null,
    error: data.result ? null : (data.error ?? "internal_error"),
  }
  // The oldest in-flight run of the same person and language is the one that finished
  // (run.started carries no run id: the id exists only once the run is recorded).
  const index = state.runs.findIndex(
    (r) =>
      r.result === null &&
      r.error === null &&
      r.by.participant_id === by.participant_id &&
      r.language === data.language,
  )
  const key = data.run_id ?? `failed-${state.runs.length}-${Date.now()}`
  if (index < 0) return { ...state, runs: keep([...state.runs, { key, ...done }]) }
  const runs = [...state.runs]
  runs[index] = { ...runs[index]!, ...done, startedAt: runs[index]!.startedAt ?? done.startedAt }
  return { ...state, runs }
}

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case "reset":
      return emptyConsole
    case "finished":
      return finish(state, action.run)
    case "event": {
      const { message } = action
      const data = message.data
      if (message.type === "run.started") {
        const run: ConsoleRun = {
          key: `started-${message.seq ?? message.ts}-${state.pending}`,
          runId: null,
          language: String(data.language ?? ""),
          by: byOf(data),
          startedAt: typeof data.started_at === "string" ? data.started_at : null,
          result: null,
          error: null,
        }
        return { runs: keep([...state.runs, run]), pending: state.pending + 1 }
      }
      if (message.type === "run.finished") {
        return finish(state, { ...(data as unknown as RunFinishedData), by: byOf(data) })
      }
      return state
    }
  }
}

/** Is any run of the room in flight? */
export function anyRunning(state: ConsoleState): boolean {
  return state.runs.some((r) => r.result === null && r.error === null)
}

/** Most characters of one stream the console renders: the page stays responsive on 1 MB. */
export const RENDER_LIMIT = 20_000

export interface Clipped {
  text: string
  /** Characters not rendered. */
  hidden: number
}

/** The first `limit` characters of `text` (never splitting a surrogate pair). */
export function clipOutput(text: string, limit = RENDER_LIMIT): Clipped {
  if (text.length <= limit) return { text, hidden: 0 }
  let end = limit
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end -= 1
  return { text: text.slice(0, end), hidden: text.length - end }
}

/** Messages for run errors the API reports by code. */
export function runErrorText(code: string): string {
  switch (code) {
    case "rate_limited":
      return "Too many runs; wait a moment."
    case "queue_full":
    case "unavailable":
      return "The sandbox is busy; try again."
    default:
      return "The run could not start."
  }
}
