import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { Field } from "@/components/ui/Field"
import { useMe } from "@/features/auth/api"
import { useLanguageName } from "@/features/execution/api"
import { useInvite, useJoinInvite } from "@/features/rooms/api"
import { ApiError } from "@/lib/http"
import { type FormEvent, useState } from "react"
import { Link, useNavigate, useParams } from "react-router"

function LanguageName({ id }: { id: string }) {
  return useLanguageName(id)
}

function DeadLink() {
  return (
    <main className="page center">
      <div className="card" role="alert">
        <h1>This link is no longer valid</h1>
        <p>Ask the host for a new invite link.</p>
      </div>
    </main>
  )
}

export function JoinRoute() {
  const { code = "" } = useParams()
  const navigate = useNavigate()
  const invite = useInvite(code)
  const me = useMe()
  const join = useJoinInvite(code)
  const [name, setName] = useState("")
  const [password, setPassword] = useState("")

  if (invite.isPending) return <main className="page center">Loading…</main>
  if (invite.error) {
    const dead = invite.error instanceof ApiError && invite.error.status === 404
    return dead ? (
      <DeadLink />
    ) : (
      <main className="page center">
        <ErrorText error={invite.error} />
      </main>
    )
  }
  const info = invite.data
  if (info.status === "ended") {
    return (
      <main className="page center">
        <div className="card" role="alert">
          <h1>This room has ended</h1>
        </div>
      </main>
    )
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    join.mutate(
      { name: me.data ? null : name, password: info.password_required ? password : null },
      { onSuccess: (result) => navigate(`/rooms/${result.room_id}`) },
    )
  }
  return (
    <main className="page center">
      <form className="card form" onSubmit={submit} aria-label="Join room">
        <h1>{info.title}</h1>
        <p className="muted" data-testid="join-hosted-by">
          Hosted by {info.host_name} · <LanguageName id={info.language} />
        </p>
        {me.data ? (
          <p>
            You will join as <strong>{me.data.name}</strong>.
          </p>
        ) : (
          <Field
            label="Your name"
            required
            maxLength={40}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
        {info.password_required ? (
          <Field
            label="Room password"
            type="password"
            required
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        ) : null}
        <section className="notice" aria-label="What is recorded">
          <h2>What is recorded in this room</h2>
          <ul>
            {info.recorded.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <ErrorText error={join.error} />
        <Button variant="primary" type="submit" disabled={join.isPending}>
          Join room
        </Button>
        {me.data ? null : (
          <p className="muted small">
            Have an account? <Link to={`/signin?next=/join/${code}`}>Sign in first</Link>{" "}
            (optional).
          </p>
        )}
      </form>
    </main>
  )
}
