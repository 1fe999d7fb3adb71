import { Button } from "@/components/ui/Button"
import { ConfirmButton } from "@/components/ui/ConfirmButton"
import { ErrorText } from "@/components/ui/ErrorText"
import { type FormEvent, useId, useState } from "react"
import { useRestoreSnapshot, useSaveSnapshot, useSnapshot, useSnapshots } from "../api"
import "./snapshots.css"

function Preview({ roomId, snapshotId }: { roomId: string; snapshotId: string }) {
  const snapshot = useSnapshot(roomId, snapshotId)
  if (snapshot.isPending) return <p className="muted small">Loading…</p>
  if (snapshot.error) return <ErrorText error={snapshot.error} />
  return (
    <div className="snapshot-preview" data-testid="snapshot-preview">
      {Object.entries(snapshot.data.files).map(([path, text]) => (
        <section key={path} aria-label={path}>
          <h4 className="small">{path}</h4>
          <pre className="stream-text">{text}</pre>
        </section>
      ))}
    </div>
  )
}

/** Named versions of the room's files: save, list, preview and (staff) restore. */
export function SnapshotsPanel({
  roomId,
  canSave,
  canRestore,
}: {
  roomId: string
  canSave: boolean
  canRestore: boolean
}) {
  const id = useId()
  const snapshots = useSnapshots(roomId)
  const save = useSaveSnapshot(roomId)
  const restore = useRestoreSnapshot(roomId)
  const [message, setMessage] = useState("")
  const [open, setOpen] = useState<string | null>(null)
  const [restored, setRestored] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const text = message.trim()
    if (text) save.mutate(text, { onSuccess: () => setMessage("") })
  }
  return (
    <div className="panel snapshots-panel">
      {canSave ? (
        <form className="row" onSubmit={submit} aria-label="Save a snapshot">
          <label htmlFor={`${id}-msg`} className="sr-only">
            Snapshot message
          </label>
          <input
            id={`${id}-msg`}
            placeholder="What is this version?"
            maxLength={500}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <Button type="submit" variant="primary" disabled={!message.trim() || save.isPending}>
            Save snapshot
          </Button>
        </form>
      ) : null}
      <ErrorText error={save.error ?? restore.error ?? snapshots.error} />
      {restored ? <output className="small">Restored “{restored}” for everyone.</output> : null}
      {snapshots.data?.length === 0 ? <p className="muted small">No snapshots yet.</p> : null}
      <ul className="snapshots" data-testid="snapshots">
        {(snapshots.data ?? []).map((s) => (
          <li key={s.id} className="snapshot">
            <div className="row">
              <span className="snapshot-message">{s.message}</span>
              <time className="muted small" dateTime={s.created_at}>
                {new Date(s.created_at).toLocaleTimeString()}
              </time>
              <Button
                variant="ghost"
                aria-expanded={open === s.id}
                onClick={() => setOpen(open === s.id ? null : s.id)}
              >
                {open === s.id ? "Hide" : "Preview"}
              </Button>
              {canRestore ? (
                <ConfirmButton
                  label="Restore"
                  ariaLabel={`Restore ${s.message}`}
                  question="Replace the room's files with this snapshot? Everyone sees the change; it can be undone by restoring another snapshot."
                  confirmLabel="Restore"
                  onConfirm={() =>
                    restore.mutate(s.id, { onSuccess: () => setRestored(s.message) })
                  }
                />
              ) : null}
            </div>
            {open === s.id ? <Preview roomId={roomId} snapshotId={s.id} /> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}
