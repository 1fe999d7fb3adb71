import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { Field } from "@/components/ui/Field"
import { type FormEvent, useState } from "react"
import { useSignIn } from "../api"

export function SignInForm({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const signIn = useSignIn()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    signIn.mutate({ email, password }, { onSuccess: onDone })
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Sign in">
      <h1>Sign in</h1>
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <ErrorText error={signIn.error} />
      <Button variant="primary" type="submit" disabled={signIn.isPending}>
        Sign in
      </Button>
    </form>
  )
}
