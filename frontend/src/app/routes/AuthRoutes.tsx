import { SignInForm } from "@/features/auth/components/SignInForm"
import { SignUpForm } from "@/features/auth/components/SignUpForm"
import { Link, useNavigate, useSearchParams } from "react-router"

/** Only same-origin paths may be a post-login destination (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/"
}

export function SignInRoute() {
  const navigate = useNavigate()
  const [params] = useSearchParams()
  return (
    <main className="page center">
      <SignInForm onDone={() => navigate(safeNext(params.get("next")))} />
      <p>
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </main>
  )
}

export function SignUpRoute() {
  const navigate = useNavigate()
  return (
    <main className="page center">
      <SignUpForm onDone={() => navigate("/")} />
      <p>
        Have an account? <Link to="/signin">Sign in</Link>
      </p>
    </main>
  )
}
