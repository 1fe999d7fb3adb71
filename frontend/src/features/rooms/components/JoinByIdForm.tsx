import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { Field } from "@/components/ui/Field"
import { useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { roomKey, useJoinRoom } from "../api"

/**
 * For a signed-in account that opened a room it is not in yet (a room id from someone):
 * join with the room's password if it has one. The server cannot say whether the room
 * exists before joining (that would leak room ids), so the form is always offered.
 */
export function JoinByIdForm({ roomId }: { roomId: string }) {
  const [password, setPassword] = useState("")
  const join = useJoinRoom()
  const client = useQueryClient()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    join.mutate(
      { roomId, password: password || undefined },
      { onSuccess: () => client.invalidateQueries({ queryKey: roomKey(roomId) }) },
    )
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Join this room">
      <p>If someone gave you this room's id, join it here.</p>
      <Field
        label="Room password (if it has one)"
        type="password"
        autoComplete="off"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <ErrorText error={join.error} />
      <Button variant="primary" type="submit" disabled={join.isPending}>
        Join room
      </Button>
    </form>
  )
}
