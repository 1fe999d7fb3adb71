import { Button } from "@/components/ui/Button"
import { Field } from "@/components/ui/Field"
import { type FormEvent, useState } from "react"

/** Where a pasted invite link or room id leads: "/join/<code>" or "/rooms/<id>". */
export function joinTarget(input: string): string | null {
  const text = input.trim()
  if (!text) return null
  const invite = text.match(/\/join\/([A-Za-z0-9_-]{8,128})\/?$/)
  if (invite) return `/join/${invite[1]}`
  const room = text.match(/(?:\/rooms\/)?([A-Za-z0-9_-]{8,128})\/?$/)
  return room ? `/rooms/${room[1]}` : null
}

export function JoinRoomForm({ onGo }: { onGo: (path: string) => void }) {
  const [value, setValue] = useState("")
  const [error, setError] = useState<string>()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const target = joinTarget(value)
    if (target) onGo(target)
    else setError("Paste an invite link or a room id.")
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Join a room">
      <h2>Join a room</h2>
      <Field
        label="Invite link or room id"
        value={value}
        onChange={(e) => {
          setValue(e.target.value)
          setError(undefined)
        }}
        error={error}
      />
      <Button type="submit">Join</Button>
    </form>
  )
}
