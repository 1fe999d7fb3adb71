import { formatMemory, formatTime, verdictLabel, verdictTone } from "@/lib/format"
import { useEffect, useRef } from "react"
import { useLanguageName } from "../api"
import { type ConsoleRun, type ConsoleState, clipOutput, runErrorText } from "../console"

/** Runs rendered in full; older ones stay in state but off the page. */
const SHOWN_RUNS = 5

function Stream({
  name,
  text,
  truncated,
}: {
  name: "stdout" | "stderr"
  text: string
  truncated: boolean
}) {
  if (text === "" && !truncated) return null
  const clipped = clipOutput(text)
  return (
    <section className={`stream stream-${name}`} aria-label={name} data-testid={name}>
      <h4 className="stream-name">{name}</h4>
      <pre className="stream-text">{clipped.text}</pre>
      {truncated || clipped.hidden > 0 ? (
        <p className="stream-note" data-testid="output-truncated">
          output truncated
          {clipped.hidden > 0
            ? ` (${clipped.hidden.toLocaleString()} more characters not shown)`
            : ""}
        </p>
      ) : null}
    </section>
  )
}

function RunEntry({ run }: { run: ConsoleRun }) {
  const who = run.by.name ?? "Someone"
  const language = useLanguageName(run.language)
  const { result } = run
  if (result === null && run.error === null) {
    return (
      <li
        className="run"
        data-testid="run-entry"
        data-key={run.key}
        data-status="running"
        aria-busy="true"
      >
        <div className="run-head">
          <span className="spinner spinner-small" aria-hidden="true" />
          <span data-testid="run-status">Running…</span>
          <span className="run-who">
            {who} ran {language}
          </span>
        </div>
      </li>
    )
  }
  if (result === null) {
    return (
      <li className="run" data-testid="run-entry" data-key={run.key} data-status="error">
        <div className="run-head">
          <span className="verdict verdict-bad" data-testid="run-status">
            {runErrorText(run.error ?? "")}
          </span>
          <span className="run-who">
            {who} ran {language}
          </span>
        </div>
      </li>
    )
  }
  return (
    <li className="run" data-testid="run-entry" data-key={run.key} data-status={result.status}>
      <div className="run-head">
        <span className={`verdict verdict-${verdictTone(result.status)}`} data-testid="run-status">
          {verdictLabel(result.status)}
        </span>
        <span className="run-who" data-testid="run-who">
          {who} ran {language}
        </span>
        <span className="run-metric" data-testid="exit-code">
          {result.exit_code === null ? "no exit code" : `exit code ${result.exit_code}`}
        </span>
        <span className="run-metric">{formatTime(result.time_ms)}</span>
        <span className="run-metric">{formatMemory(result.memory_kb)}</span>
      </div>
      <Stream name="stdout" text={result.stdout} truncated={result.stdout_truncated} />
      <Stream name="stderr" text={result.stderr} truncated={result.stderr_truncated} />
      {result.stdout === "" && result.stderr === "" ? (
        <p className="muted small">No output.</p>
      ) : null}
    </li>
  )
}

function summary(run: ConsoleRun): string {
  const who = run.by.name ?? "Someone"
  if (run.result) return `${who}'s run: ${verdictLabel(run.result.status)}`
  return run.error ? `${who}'s run failed to start` : `${who} is running ${run.language}`
}

/** The shared console: the last few runs of the room, newest at the bottom. */
export function OutputConsole({ state }: { state: ConsoleState }) {
  const end = useRef<HTMLDivElement>(null)
  const shown = state.runs.slice(-SHOWN_RUNS)
  const last = shown[shown.length - 1]
  const lastKey = last ? `${last.key}:${last.result ? "done" : "running"}` : ""
  useEffect(() => {
    if (lastKey) end.current?.scrollIntoView({ block: "end" })
  }, [lastKey])
  return (
    <div className="console" data-testid="run-output" aria-label="Run output">
      <p className="sr-only" aria-live="polite">
        {last ? summary(last) : ""}
      </p>
      {shown.length === 0 ? (
        <p className="muted small">Run the code to see its output here.</p>
      ) : (
        <ol className="runs">
          {shown.map((run) => (
            <RunEntry key={run.key} run={run} />
          ))}
        </ol>
      )}
      <div ref={end} />
    </div>
  )
}
