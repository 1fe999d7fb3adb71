import { ErrorText, errorMessage } from "@/components/ui/ErrorText"
import { useEffect, useId, useRef, useState } from "react"
import { type Note, saveNote, useNotes } from "../api"
import { Autosaver, type SaveState, saveStateLabel } from "../autosave"
import { Markdown } from "./Markdown"
import "./notes.css"

const MAX_CHARS = 100_000

/** The caller's private notes (Markdown, autosaved) and the notes other staff share. */
export function NotesPanel({ roomId }: { roomId: string }) {
  const notes = useNotes(roomId)
  if (notes.isPending) return <p className="panel muted small">Loading notes…</p>
  if (notes.error) return <ErrorText error={notes.error} />
  return (
    <div className="panel notes-panel" data-testid="notes-panel">
      <NoteEditor roomId={roomId} initial={notes.data.mine} />
      <SharedNotes notes={notes.data.shared} />
    </div>
  )
}

function NoteEditor({ roomId, initial }: { roomId: string; initial: Note }) {
  const id = useId()
  const [text, setText] = useState(initial.body)
  const [isPrivate, setPrivate] = useState(initial.private)
  const [mode, setMode] = useState<"write" | "preview">("write")
  const [state, setState] = useState<{ state: SaveState; error: unknown }>({
    state: "saved",
    error: null,
  })
  const saver = useRef<Autosaver<{ body: string; private: boolean }> | null>(null)
  saver.current ??= new Autosaver(
    (note) => saveNote(roomId, note),
    (next, error) => setState({ state: next, error }),
  )

  useEffect(() => {
    const current = saver.current
    // Leaving the page or the room: save what is pending now rather than after the pause.
    const flush = () => void current?.flush()
    const onHide = () => document.visibilityState === "hidden" && flush()
    const warn = (event: BeforeUnloadEvent) => {
      if (!current?.unsaved) return
      event.preventDefault()
      event.returnValue = ""
    }
    window.addEventListener("pagehide", flush)
    document.addEventListener("visibilitychange", onHide)
    window.addEventListener("beforeunload", warn)
    return () => {
      window.removeEventListener("pagehide", flush)
      document.removeEventListener("visibilitychange", onHide)
      window.removeEventListener("beforeunload", warn)
      flush()
      current?.dispose()
    }
  }, [])

  const edit = (body: string, priv: boolean) => {
    setText(body)
    setPrivate(priv)
    saver.current?.change({ body, private: priv })
  }
  const over = text.length > MAX_CHARS
  return (
    <section aria-label="My notes" className="notes-editor">
      <div className="row notes-toolbar">
        <div role="tablist" aria-label="Notes view" className="notes-modes">
          {(["write", "preview"] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              onClick={() => setMode(m)}
            >
              {m === "write" ? "Write" : "Preview"}
            </button>
          ))}
        </div>
        <output
          className={`small notes-status notes-status-${state.state}`}
          data-testid="notes-status"
          title={state.error ? errorMessage(state.error) : undefined}
        >
          {saveStateLabel(state.state)}
        </output>
      </div>
      {mode === "write" ? (
        <>
          <label htmlFor={`${id}-text`} className="sr-only">
            Notes (Markdown)
          </label>
          <textarea
            id={`${id}-text`}
            className="notes-text"
            data-testid="notes-text"
            placeholder="Notes for yourself and the other interviewers. Markdown works: **bold**, - lists, `code`."
            value={text}
            spellCheck
            onChange={(e) => edit(e.target.value, isPrivate)}
          />
        </>
      ) : (
        <div className="notes-preview" data-testid="notes-preview">
          <Markdown source={text} />
        </div>
      )}
      <div className="row notes-footer">
        <label className="row small">
          <input
            type="checkbox"
            checked={isPrivate}
            data-testid="notes-private"
            onChange={(e) => {
              edit(text, e.target.checked)
              void saver.current?.flush()
            }}
          />
          Visible only to me
        </label>
        <span className={`small ${over ? "form-error" : "muted"}`}>
          {over
            ? `Too long: ${text.length.toLocaleString()} of ${MAX_CHARS.toLocaleString()} characters`
            : isPrivate
              ? "Hidden from the other interviewers"
              : "The other interviewers can read these"}
        </span>
      </div>
      <p className="muted small">Never shown to the candidate or observers.</p>
    </section>
  )
}

function SharedNotes({ notes }: { notes: Note[] }) {
  if (notes.length === 0) return null
  return (
    <section aria-label="Other interviewers' notes" className="notes-shared">
      <h3 className="small">From the other interviewers</h3>
      {notes.map((note) => (
        <article key={note.participant_id} className="shared-note" data-testid="shared-note">
          <header className="small muted">
            {note.author_name}
            {note.updated_at ? ` · ${new Date(note.updated_at).toLocaleTimeString()}` : ""}
          </header>
          <Markdown source={note.body} />
        </article>
      ))}
    </section>
  )
}
