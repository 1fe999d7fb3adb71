import type { components } from "@/api/schema"
import { api, unwrap } from "@/lib/http"
import { accountTokens, setAccountTokens, subscribeSession } from "@/lib/session"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useSyncExternalStore } from "react"

export type User = components["schemas"]["UserPublic"]
export type Preferences = components["schemas"]["PreferencesPublic"]
type AuthTokens = components["schemas"]["AuthTokens"]

export const meKey = ["auth", "me"] as const

function signedIn(tokens: AuthTokens): User {
  setAccountTokens({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token })
  return tokens.user
}

/** Whether this browser holds an account session (re-renders when it changes). */
export function useIsSignedIn(): boolean {
  return useSyncExternalStore(subscribeSession, () => accountTokens() !== null)
}

/** The signed-in account, or null for a visitor. */
export function useMe() {
  const isSignedIn = useIsSignedIn()
  return useQuery({
    queryKey: [...meKey, isSignedIn],
    enabled: isSignedIn,
    queryFn: async () => unwrap(await api.GET("/api/v1/auth/me")),
    staleTime: 60_000,
  })
}

export function useSignIn() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (body: components["schemas"]["UserLogin"]) =>
      signedIn(unwrap(await api.POST("/api/v1/auth/login", { body }))),
    onSuccess: (user) => client.setQueryData([...meKey, true], user),
  })
}

export function useSignUp() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (body: components["schemas"]["UserRegister"]) =>
      signedIn(unwrap(await api.POST("/api/v1/auth/register", { body }))),
    onSuccess: (user) => client.setQueryData([...meKey, true], user),
  })
}

export function useSignOut() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const tokens = accountTokens()
      if (tokens) {
        // Best effort: the local session ends whatever the server says.
        await api
          .POST("/api/v1/auth/logout", { body: { refresh_token: tokens.refreshToken } })
          .catch(() => undefined)
      }
      setAccountTokens(null)
    },
    onSuccess: () => client.clear(),
  })
}

export function useUpdateProfile() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (body: components["schemas"]["UserUpdate"]) =>
      unwrap(await api.PATCH("/api/v1/auth/me", { body })),
    // Several quick changes race; the answer that arrives last may not be the newest, so
    // show it at once and then ask for the settled state.
    onSuccess: (user) => {
      client.setQueryData([...meKey, true], user)
      return client.invalidateQueries({ queryKey: meKey })
    },
  })
}
