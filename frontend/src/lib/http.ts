import type { paths } from "@/api/schema"
// The one way the app talks HTTP to the backend: a typed client generated from the backend's
// OpenAPI schema (src/api/schema.d.ts), with Bearer auth, single-flight token refresh and
// the error contract turned into ApiError.
import createClient, { type Middleware } from "openapi-fetch"
import { accountTokens, setAccountTokens, tokenForRoom } from "./session"

/** The backend's error contract: `{"error": {"code", "message", "details"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message)
    this.name = "ApiError"
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown }
}

export function toApiError(status: number, body: unknown): ApiError {
  const err = (body as ErrorBody | null)?.error
  return new ApiError(
    status,
    err?.code ?? "http_error",
    err?.message ?? `The server answered ${status}.`,
    err?.details ?? null,
  )
}

let refreshing: Promise<boolean> | null = null

/** Trade the refresh token for a new pair; concurrent callers share one request. */
export function refreshAccount(): Promise<boolean> {
  refreshing ??= (async () => {
    const tokens = accountTokens()
    if (tokens === null) return false
    const res = await fetch("/api/v1/auth/refresh", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: tokens.refreshToken }),
    })
    if (!res.ok) {
      // Only a definite "no" signs out; a network failure keeps the session for later.
      if (res.status === 401 || res.status === 403) setAccountTokens(null)
      return false
    }
    const body = (await res.json()) as { access_token: string; refresh_token: string }
    setAccountTokens({ accessToken: body.access_token, refreshToken: body.refresh_token })
    return true
  })().finally(() => {
    refreshing = null
  })
  return refreshing
}

// A request may carry an `X-Coderoom-Room` hint so that a guest's room token is used.
const ROOM_HINT = "X-Coderoom-Room"

const auth: Middleware = {
  async onRequest({ request }) {
    const roomId = request.headers.get(ROOM_HINT)
    request.headers.delete(ROOM_HINT)
    const token = roomId ? tokenForRoom(roomId) : accountTokens()?.accessToken
    if (token && !request.headers.has("Authorization")) {
      request.headers.set("Authorization", `Bearer ${token}`)
    }
    // Kept for a retry after a refresh: the body stream is consumed once sent.
    retryable.set(request, request.clone())
    return request
  },
  async onResponse({ request, response }) {
    const original = retryable.get(request)
    retryable.delete(request)
    if (response.status !== 401 || !original || accountTokens() === null) return response
    if (request.url.includes("/api/v1/auth/")) return response
    if (!(await refreshAccount())) return response
    original.headers.set("Authorization", `Bearer ${accountTokens()?.accessToken ?? ""}`)
    return fetch(original)
  },
}

const retryable = new WeakMap<Request, Request>()

export const api = createClient<paths>({ baseUrl: "" })
api.use(auth)

/** Headers that make a request speak with this browser's identity in `roomId`. */
export function roomHeaders(roomId: string): Record<string, string> {
  return { [ROOM_HINT]: roomId }
}

/** Unwrap an openapi-fetch result: the data, or throw the contract error. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw toApiError(result.response.status, result.error)
  }
  return result.data as T
}
