import { Button } from "@/components/ui/Button"
import { useMe, useSignOut } from "@/features/auth/api"
import { Link, useNavigate } from "react-router"

export function AppHeader() {
  const me = useMe()
  const signOut = useSignOut()
  const navigate = useNavigate()
  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label="coderoom home">
        coderoom
      </Link>
      <nav aria-label="Account" className="row">
        {me.data ? (
          <>
            <span className="muted">{me.data.name}</span>
            <Button
              variant="ghost"
              onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate("/signin") })}
            >
              Sign out
            </Button>
          </>
        ) : (
          <>
            <Link to="/signin">Sign in</Link>
            <Link to="/signup">Create account</Link>
          </>
        )}
      </nav>
    </header>
  )
}
