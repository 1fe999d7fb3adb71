// The account password rules, checked as the user types. The server applies the same rules
// (coderoom/auth/passwords.py) and stays the authority; this only gives early feedback.

export const MIN_LENGTH = 10
export const MAX_LENGTH = 256

export type PasswordRule = "min_length" | "max_length" | "common" | "contains_email"

export interface RuleResult {
  rule: PasswordRule
  label: string
  ok: boolean
}

/**
 * Every rule with whether `password` meets it.
 * `isCommon` answers from the common-password list once it has loaded (undefined: not yet).
 */
export function checkPassword(
  password: string,
  email: string,
  isCommon: ((candidate: string) => boolean) | undefined,
): RuleResult[] {
  const local = (email.split("@", 1)[0] ?? "").trim().toLowerCase()
  const results: RuleResult[] = [
    {
      rule: "min_length",
      label: `At least ${MIN_LENGTH} characters`,
      ok: password.length >= MIN_LENGTH,
    },
    {
      rule: "common",
      label: "Not a common password",
      ok: password.length > 0 && isCommon !== undefined && !isCommon(password),
    },
    {
      rule: "contains_email",
      label: "Does not contain the name part of your email",
      // Same threshold as the server: very short local parts would forbid too much.
      ok: password.length > 0 && (local.length < 3 || !password.toLowerCase().includes(local)),
    },
  ]
  if (password.length > MAX_LENGTH) {
    results.push({ rule: "max_length", label: `At most ${MAX_LENGTH} characters`, ok: false })
  }
  return results
}

/** A lookup over the newline-separated common-password list (case-insensitive, trimmed). */
export function commonPasswordLookup(list: string): (candidate: string) => boolean {
  const words = new Set(
    list
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  )
  return (candidate) => words.has(candidate.trim().toLowerCase())
}
