import { ApiError } from "@/lib/http"

/** The human sentence for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof TypeError) return "Cannot reach the server. Check your connection."
  return "Something went wrong."
}

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <p className="form-error" role="alert">
      {errorMessage(error)}
    </p>
  )
}
