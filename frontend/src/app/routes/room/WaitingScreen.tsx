export function WaitingScreen({ title }: { title: string }) {
  return (
    <main className="page center">
      <output className="card waiting" aria-live="polite">
        <div className="spinner" aria-hidden="true" />
        <h1>Waiting for the host to let you in</h1>
        <p className="muted">{title}</p>
        <p className="muted small">Keep this page open; it moves on by itself.</p>
      </output>
    </main>
  )
}

export function Declined() {
  return (
    <main className="page center">
      <div className="card" role="alert">
        <h1>The host declined your request</h1>
        <p className="muted">You can close this page.</p>
      </div>
    </main>
  )
}
