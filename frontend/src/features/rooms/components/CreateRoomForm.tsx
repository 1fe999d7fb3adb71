import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { Field } from "@/components/ui/Field"
import { type Option, SelectField } from "@/components/ui/SelectField"
import { type FormEvent, useState } from "react"
import { type Room, useCreateRoom } from "../api"

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
      <SelectField
        id="room-language"
        label="Language"
        value={language}
        options={languages}
        onValue={setLanguage}
      />
      {problems.length > 0 ? (
        <SelectField
          id="room-problem"
          label="Problem"
          value={problemId}
          options={[{ value: "", label: "No problem" }, ...problems]}
          onValue={setProblemId}
        />
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
