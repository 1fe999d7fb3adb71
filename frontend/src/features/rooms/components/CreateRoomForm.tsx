import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { Field } from "@/components/ui/Field"
import { type FormEvent, useState } from "react"
import { type Room, useCreateRoom } from "../api"

export interface Option {
  value: string
  label: string
}

export function CreateRoomForm({
  languages,
  problems,
  onCreated,
}: {
  languages: Option[]
  problems: Option[]
  onCreated: (room: Room) => void
}) {
  const [title, setTitle] = useState("")
  const [language, setLanguage] = useState(languages[0]?.value ?? "python")
  const [problemId, setProblemId] = useState("")
  const [password, setPassword] = useState("")
  const [autoAdmit, setAutoAdmit] = useState(false)
  const [proctoring, setProctoring] = useState(false)
  const create = useCreateRoom()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      {
        title,
        language,
        password: password || null,
        auto_admit: autoAdmit,
        proctoring_enabled: proctoring,
        problem_id: problemId || null,
      },
      { onSuccess: onCreated },
    )
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Create a room">
      <h2>New room</h2>
      <Field
        label="Title"
        required
        maxLength={120}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <div className="field">
        <label htmlFor="room-language">Language</label>
        <select id="room-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          {languages.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      {problems.length > 0 ? (
        <div className="field">
          <label htmlFor="room-problem">Problem</label>
          <select
            id="room-problem"
            value={problemId}
            onChange={(e) => setProblemId(e.target.value)}
          >
            <option value="">No problem</option>
            {problems.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <Field
        label="Room password (optional)"
        type="password"
        autoComplete="new-password"
        maxLength={128}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={autoAdmit}
          onChange={(e) => setAutoAdmit(e.target.checked)}
        />
        Let people in without asking (auto-admit)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={proctoring}
          onChange={(e) => setProctoring(e.target.checked)}
        />
        Record integrity signals (pastes from outside, leaving the tab)
      </label>
      <ErrorText error={create.error} />
      <Button variant="primary" type="submit" disabled={create.isPending}>
        Create room
      </Button>
    </form>
  )
}
