import { Button } from "@/components/ui/Button"
import type { RoomEvents } from "@/lib/room-protocol"
import { type FormEvent, useEffect, useId, useRef, useState } from "react"
import { typingText } from "../chat"
import { useChat } from "../hooks/useChat"
import "./chat.css"

const MAX_CHARS = 2000

function clock(ts: number): string {
  return new Date(ts * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
}

/** The room's chat: history on join, live messages, typing indicator. */
export function ChatPanel({ events, meId }: { events: RoomEvents; meId: string }) {
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const end = useRef<HTMLLIElement>(null)
  const { state, post, typing, stopTyping } = useChat(events, meId, root)
  const [text, setText] = useState("")
  const [failed, setFailed] = useState(false)
  const count = state.messages.length
  useEffect(() => {
    if (count > 0) end.current?.scrollIntoView({ block: "end" })
  }, [count])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = text.trim()
    if (body === "") return
    if (post(body)) {
      setText("")
      setFailed(false)
    } else {
      setFailed(true)
    }
  }
  const typers = Object.values(state.typing).map((t) => t.name)
  return (
    <div className="panel chat-panel" ref={root}>
      <ol className="chat-messages" aria-label="Chat messages" data-testid="chat-messages">
        {count === 0 ? <li className="muted small">No messages yet.</li> : null}
        {state.messages.map((m) => (
          <li key={m.seq} className={`chat-message${m.participant_id === meId ? " mine" : ""}`}>
            <span className="chat-meta small muted">
              {m.name} · {clock(m.ts)}
            </span>
            <span className="chat-text">{m.text}</span>
          </li>
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
      <p className="small muted typing" aria-live="polite" data-testid="typing">
        {typingText(typers)}
      </p>
      <form className="chat-form" onSubmit={submit} aria-label="Send a chat message">
        <label htmlFor={`${id}-msg`} className="sr-only">
          Message
        </label>
        <input
          id={`${id}-msg`}
          value={text}
          maxLength={MAX_CHARS}
          placeholder="Message"
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value)
            if (e.target.value) typing()
            else stopTyping()
          }}
          onBlur={stopTyping}
        />
        <Button type="submit" variant="primary" disabled={text.trim() === ""}>
          Send
        </Button>
      </form>
      {failed ? (
        <p className="form-error" role="alert">
          Not connected; the message was not sent.
        </p>
      ) : null}
    </div>
  )
}
