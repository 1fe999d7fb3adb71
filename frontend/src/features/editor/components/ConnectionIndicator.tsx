import { type SyncState, describeSync } from "../status"

export function ConnectionIndicator({ sync }: { sync: SyncState }) {
  const view = describeSync(sync)
  return (
    <output
      className={`conn conn-${view.tone}`}
      aria-live="polite"
      data-phase={sync.phase}
      data-testid="connection-status"
    >
      <span className="conn-dot" aria-hidden="true" />
      {view.label}
    </output>
  )
}
