import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { type FormEvent, useState } from "react"
import { useSignUp } from "../api"
import { useCommonPasswords } from "../hooks/useCommonPasswords"
import { checkPassword } from "../passwordRules"
import { PasswordRules } from "./PasswordRules"
import { EmailField, NameField, PasswordField } from "./fields"

export function SignUpForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("")
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const isCommon = useCommonPasswords()
  const rules = checkPassword(password, email, isCommon)
  const signUp = useSignUp()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    signUp.mutate({ name, email, password }, { onSuccess: onDone })
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Create account">
      <h1>Create an account</h1>
      <NameField label="Name" autoComplete="name" value={name} onValue={setName} />
      <EmailField value={email} onValue={setEmail} />
      <PasswordField
        value={password}
        onValue={setPassword}
        autoComplete="new-password"
        hint={<PasswordRules results={rules} />}
      />
      <ErrorText error={signUp.error} />
      <Button
        variant="primary"
        type="submit"
        disabled={signUp.isPending || rules.some((r) => !r.ok)}
      >
        Create account
      </Button>
    </form>
  )
}
