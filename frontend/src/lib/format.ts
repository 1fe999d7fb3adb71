// Display rules shared by the room's panels (run console, tests, activity log): verdict
// names, durations and sizes. Pure; tested in format.test.ts.

const VERDICTS: Record<string, string> = {
  ok: "Finished",
  accepted: "Accepted",
  wrong_answer: "Wrong answer",
  time_limit: "Time limit exceeded",
  memory_limit: "Memory limit exceeded",
  output_limit: "Output limit exceeded",
  runtime_error: "Runtime error",
  compile_error: "Compilation error",
  internal_error: "Internal error",
}

/** The human label for a sandbox status or a judge verdict; unknown ones are shown as words. */
export function verdictLabel(status: string): string {
  return VERDICTS[status] ?? status.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase())
}

/** Good (green), bad (red) or neutral, for colouring a verdict. */
export function verdictTone(status: string): "ok" | "bad" | "neutral" {
  if (status === "ok" || status === "accepted") return "ok"
  return status in VERDICTS ? "bad" : "neutral"
}

/** "120 ms", "1.50 s" for a run time. */
export function formatTime(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

/** "800 KB", "12.3 MB" */
export function formatMemory(kb: number): string {
  return kb < 1024 ? `${kb} KB` : `${(kb / 1024).toFixed(1)} MB`
}

/** "5 s", "2 min 5 s" for a span of time a person was away. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const rest = seconds % 60
  const minutes = Math.floor(seconds / 60)
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}
