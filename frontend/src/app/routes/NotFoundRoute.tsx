import { Link } from "react-router"

export function NotFoundRoute() {
  return (
    <main className="page center">
      <div className="card">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <Link to="/">Go to your rooms</Link>
      </div>
    </main>
  )
}
