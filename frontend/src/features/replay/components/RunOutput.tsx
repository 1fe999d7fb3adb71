import { formatTime, verdictLabel, verdictTone } from "@/lib/format"
import type { Marker } from "../api"

interface RunData {
  language?: string
  by?: { name?: string }
  result?: { status: string; stdout: string; stderr: string; time_ms: number }
}

/** The output of the run at the playhead (or the run marker that was clicked). */
export function RunOutput({ run }: { run: Marker | null }) {
  const data = (run?.data ?? {}) as RunData
  return (
    <section className="replay-run" aria-label="Run output" data-testid="run-output">
      <h2>Run output</h2>
      {run === null || !data.result ? (
        <p className="muted">No run yet at this point.</p>
      ) : (
        <>
          <p className={`verdict-${verdictTone(data.result.status)}`}>
            {verdictLabel(data.result.status)} · {formatTime(data.result.time_ms)} ·{" "}
            {data.by?.name ?? ""} · {new Date(run.ts).toLocaleTimeString()}
          </p>
          <pre className="replay-stdout" data-testid="run-stdout">
            {data.result.stdout}
          </pre>
          {data.result.stderr ? <pre className="replay-stderr">{data.result.stderr}</pre> : null}
        </>
      )}
    </section>
  )
}
