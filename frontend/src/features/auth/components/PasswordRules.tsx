import type { RuleResult } from "../passwordRules"

export function PasswordRules({ results }: { results: RuleResult[] }) {
  return (
    <ul className="rules" aria-label="Password rules" aria-live="polite">
      {results.map((r) => (
        <li key={r.rule} className={r.ok ? "rule ok" : "rule"}>
          <span aria-hidden="true">{r.ok ? "✓" : "•"}</span> {r.label}
          <span className="sr-only">{r.ok ? " (met)" : " (not met)"}</span>
        </li>
      ))}
    </ul>
  )
}
