import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import type { RoomEvents } from "@/lib/room-protocol"
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react"
import { useLanguages, useRunCode } from "../api"
import { anyRunning } from "../console"
import { useRunConsole } from "../hooks/useRunConsole"
import { OutputConsole } from "./OutputConsole"
import "./run-panel.css"

export interface RunPanelProps {
  roomId: string
  events: RoomEvents
  /** The participant viewing (their own runs are matched by id). */
  me: { id: string; display_name: string }
  /** The code to run: the open file's current text. */
  getCode: () => string
  /** The Monaco language of the open file, used to preselect the run language. */
  fileLanguage: string | null
  roomLanguage: string
  canRun: boolean
  /** More actions next to Run (the problem's Run tests / Submit); gets the chosen language. */
  actions?: (language: string) => ReactNode
  /** Shown above the console (the problem's test results). */
  results?: ReactNode
}

/** True for Ctrl+Enter (Cmd+Enter on a Mac). */
export function isRunShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey">) {
  return event.key === "Enter" && (event.ctrlKey || event.metaKey)
}

/** Language picker, stdin, Run (Ctrl/Cmd+Enter) and the room's shared output console. */
export function RunPanel({
  roomId,
  events,
  me,
  getCode,
  fileLanguage,
  roomLanguage,
  canRun,
  actions,
  results,
}: RunPanelProps) {
  const id = useId()
  const languages = useLanguages()
  const [chosen, setChosen] = useState<string | null>(null)
  const [stdin, setStdin] = useState("")
  const [state, dispatch] = useRunConsole(roomId, events)
  const run = useRunCode(roomId)

  const list = languages.data ?? []
  const auto =
    list.find((l) => fileLanguage !== null && l.monaco === fileLanguage)?.id ??
    list.find((l) => l.id === roomLanguage)?.id ??
    list[0]?.id ??
    roomLanguage
  const language = chosen ?? auto

  const busy = run.isPending
  const start = useCallback(() => {
    if (!canRun || busy) return
    const input = { language, code: getCode(), stdin }
    run.mutate(input, {
      // The room hears about it on the socket too; this covers a socket that is down.
      onSuccess: (result) =>
        dispatch({
          type: "finished",
          run: {
            run_id: result.id,
            language: input.language,
            by: { participant_id: me.id, name: me.display_name },
            result,
          },
        }),
    })
  }, [canRun, busy, language, getCode, stdin, run, dispatch, me.id, me.display_name])

  // Ctrl/Cmd+Enter runs from anywhere in the room, the editor included (capture phase:
  // Monaco would otherwise take the key for "insert line below").
  const startRef = useRef(start)
  startRef.current = start
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // One-line inputs (chat, search) keep the key for themselves.
      if (!isRunShortcut(event) || event.target instanceof HTMLInputElement) return
      event.preventDefault()
      event.stopPropagation()
      startRef.current()
    }
    window.addEventListener("keydown", onKey, true)
    return () => window.removeEventListener("keydown", onKey, true)
  }, [])

  return (
    <div className="run-panel">
      <div className="run-toolbar">
        <label htmlFor={`${id}-lang`} className="sr-only">
          Language
        </label>
        <select
          id={`${id}-lang`}
          aria-label="Language"
          value={language}
          onChange={(e) => setChosen(e.target.value)}
        >
          {list.length === 0 ? <option value={language}>{language}</option> : null}
          {list.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.version})
            </option>
          ))}
        </select>
        <Button
          variant="primary"
          onClick={start}
          disabled={!canRun || busy}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title="Run (Ctrl/Cmd+Enter)"
        >
          {busy ? "Running…" : "Run"}
        </Button>
        {actions ? actions(language) : null}
        {anyRunning(state) && !busy ? (
          <span className="muted small" data-testid="room-running">
            <span className="spinner spinner-small" aria-hidden="true" /> A run is in progress
          </span>
        ) : null}
        <ErrorText error={run.error} />
      </div>
      {results}
      <div className="run-body">
        <div className="stdin">
          <label htmlFor={`${id}-stdin`} className="small muted">
            Input (stdin)
          </label>
          <textarea
            id={`${id}-stdin`}
            value={stdin}
            onChange={(e) => setStdin(e.target.value)}
            spellCheck={false}
            rows={3}
          />
        </div>
        <OutputConsole state={state} />
      </div>
    </div>
  )
}
