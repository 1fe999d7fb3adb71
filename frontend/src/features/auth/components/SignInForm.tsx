import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { type FormEvent, useState } from "react"
import { useSignIn } from "../api"
import { EmailField, PasswordField } from "./fields"

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
      <EmailField value={email} onValue={setEmail} />
      <PasswordField value={password} onValue={setPassword} autoComplete="current-password" />
      <ErrorText error={signIn.error} />
      <Button variant="primary" type="submit" disabled={signIn.isPending}>
        Sign in
      </Button>
    </form>
  )
}
