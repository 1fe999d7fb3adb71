import { Button } from "@/components/ui/Button"
import { ConfirmButton } from "@/components/ui/ConfirmButton"
import { ErrorText } from "@/components/ui/ErrorText"
import { useEffect, useState } from "react"
import { useAdmission, useAutoAdmit, useEndRoom, useRemoveParticipant, useSetRole } from "../api"
import "./participants.css"

/** A participant as this panel needs it (the room page's participant list fits). */
export interface PersonRow {
  id: string
  display_name: string
  role: "host" | "interviewer" | "candidate" | "observer"
  status: "waiting" | "admitted" | "rejected" | "removed" | "left"
  color: string
  online: boolean
}

export interface ParticipantsPanelProps {
  roomId: string
  meId: string
  myRole: PersonRow["role"]
  autoAdmit: boolean
  people: PersonRow[]
  /** Whether the room records integrity signals (said to everyone, candidates first). */
  recorded: boolean
  /** Called after the host ended the room (the page shows the ended state). */
  onEnded?: () => void
}

const ROLE_LABEL: Record<PersonRow["role"], string> = {
  host: "Host",
  interviewer: "Interviewer",
  candidate: "Candidate",
  observer: "Observer",
}

function presence(p: PersonRow): string {
  if (p.status === "left") return "left"
  if (p.status !== "admitted") return p.status
  return p.online ? "online" : "offline"
}

function WaitingList({ roomId, waiting }: { roomId: string; waiting: PersonRow[] }) {
  const admission = useAdmission(roomId)
  return (
    <section aria-label="Waiting" className="people-section" data-testid="waiting-list">
      <h3>Waiting ({waiting.length})</h3>
      {waiting.length === 0 ? <p className="muted small">Nobody is waiting.</p> : null}
      <ul className="people">
        {waiting.map((p) => (
          <li key={p.id} className="person" data-testid="waiting-person">
            <span className="person-name">{p.display_name}</span>
            <Button
              variant="primary"
              aria-label={`Admit ${p.display_name}`}
              disabled={admission.isPending}
              onClick={() => admission.mutate({ id: p.id, admit: true })}
            >
              Admit
            </Button>
            <Button
              aria-label={`Reject ${p.display_name}`}
              disabled={admission.isPending}
              onClick={() => admission.mutate({ id: p.id, admit: false })}
            >
              Reject
            </Button>
          </li>
        ))}
      </ul>
      <ErrorText error={admission.error} />
    </section>
  )
}

function PersonActions({
  roomId,
  person,
  isHost,
}: { roomId: string; person: PersonRow; isHost: boolean }) {
  const setRole = useSetRole(roomId)
  const remove = useRemoveParticipant(roomId)
  if (person.role === "host" || person.status !== "admitted") return null
  // The host promotes candidates and observers, and turns an interviewer back into a candidate.
  const next = person.role === "interviewer" ? "candidate" : "interviewer"
  return (
    <span className="person-actions">
      {isHost ? (
        <Button
          variant="ghost"
          aria-label={`Make ${person.display_name} ${next === "interviewer" ? "an" : "a"} ${next}`}
          onClick={() => setRole.mutate({ id: person.id, role: next })}
        >
          {`Make ${next}`}
        </Button>
      ) : null}
      <ConfirmButton
        label="Remove"
        ariaLabel={`Remove ${person.display_name}`}
        question={`Remove ${person.display_name} from the room? They cannot come back with the same link.`}
        confirmLabel="Remove"
        onConfirm={() => remove.mutate(person.id)}
      />
      <ErrorText error={setRole.error ?? remove.error} />
    </span>
  )
}

/**
 * The auto-admit switch. It shows the wanted value from the click until room.updated
 * brings the same value back (or the change fails): the mutation settles before that
 * event arrives, and falling back to the old prop in between made the box flicker.
 */
function AutoAdmitToggle({ roomId, autoAdmit }: { roomId: string; autoAdmit: boolean }) {
  const toggle = useAutoAdmit(roomId)
  const [wanted, setWanted] = useState<boolean | null>(null)
  useEffect(() => {
    if (wanted === autoAdmit) setWanted(null)
  }, [wanted, autoAdmit])
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={wanted ?? autoAdmit}
          disabled={toggle.isPending}
          onChange={(e) => {
            const value = e.target.checked
            setWanted(value)
            toggle.mutate(value, { onError: () => setWanted(null) })
          }}
        />
        Admit everyone automatically
      </label>
      <ErrorText error={toggle.error} />
    </>
  )
}

/** Everyone in the room with presence and role; for staff the waiting list and controls. */
export function ParticipantsPanel({
  roomId,
  meId,
  myRole,
  autoAdmit,
  people,
  recorded,
  onEnded,
}: ParticipantsPanelProps) {
  const isHost = myRole === "host"
  const isStaff = isHost || myRole === "interviewer"
  const end = useEndRoom(roomId)
  const inRoom = people.filter((p) => p.status === "admitted" || p.status === "left")
  const waiting = people.filter((p) => p.status === "waiting")
  return (
    <div className="panel participants-panel">
      {recorded ? (
        <p className="small muted" data-testid="recording-notice">
          This room records pastes from outside the editor and leaving the tab. Only the
          interviewers see them; nothing is blocked.
        </p>
      ) : null}
      {isStaff ? <WaitingList roomId={roomId} waiting={waiting} /> : null}
      {isStaff ? <AutoAdmitToggle roomId={roomId} autoAdmit={autoAdmit} /> : null}
      <section aria-label="Participants" className="people-section">
        <h3>In the room</h3>
        <ul className="people" data-testid="participant-list">
          {inRoom.map((p) => (
            <li key={p.id} className="person" data-testid="participant" data-presence={presence(p)}>
              <span className="person-dot" style={{ background: p.color }} aria-hidden="true" />
              <span className="person-name">
                {p.display_name}
                {p.id === meId ? " (you)" : ""}
              </span>
              <span className="person-role muted small">{ROLE_LABEL[p.role]}</span>
              <span className={`person-presence presence-${presence(p)} small`}>{presence(p)}</span>
              {isStaff && p.id !== meId ? (
                <PersonActions roomId={roomId} person={p} isHost={isHost} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {isHost ? (
        <section aria-label="End the room" className="people-section">
          <ConfirmButton
            label="End room"
            question="End the room for everyone? Nobody can edit or run code afterwards."
            confirmLabel="End room"
            onConfirm={() => end.mutate(undefined, { onSuccess: () => onEnded?.() })}
          />
          <ErrorText error={end.error} />
        </section>
      ) : null}
    </div>
  )
}
