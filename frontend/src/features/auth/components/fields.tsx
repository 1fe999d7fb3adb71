import { Field } from "@/components/ui/Field"
import type { ReactNode } from "react"

/** A controlled text value: the fields below take the string, not the change event. */
type Text = { value: string; onValue: (value: string) => void }

/** The account email, as the sign-in and sign-up forms ask for it. */
export function EmailField({ value, onValue }: Text) {
  return (
    <Field
      label="Email"
      type="email"
      autoComplete="email"
      required
      value={value}
      onChange={(e) => onValue(e.target.value)}
    />
  )
}

/** A password; `autoComplete` tells password managers whether it is new or the current one. */
export function PasswordField({
  value,
  onValue,
  autoComplete,
  hint,
}: Text & { autoComplete: "current-password" | "new-password"; hint?: ReactNode }) {
  return (
    <Field
      label="Password"
      type="password"
      autoComplete={autoComplete}
      required
      value={value}
      onChange={(e) => onValue(e.target.value)}
      hint={hint}
    />
  )
}

/** A display name (80 characters at most, as the server allows). */
export function NameField({
  label,
  value,
  onValue,
  autoComplete,
}: Text & { label: string; autoComplete?: string }) {
  return (
    <Field
      label={label}
      autoComplete={autoComplete}
      required
      maxLength={80}
      value={value}
      onChange={(e) => onValue(e.target.value)}
    />
  )
}
