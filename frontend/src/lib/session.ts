// Where the tokens live between page loads. An account session is one per browser; a guest
// token is per room (a guest belongs to exactly one room).
// localStorage, not cookies: the API takes Bearer tokens, and the CSP allows only our own
// scripts, which keeps the usual XSS route to localStorage closed.

export interface AccountTokens {
  accessToken: string
  refreshToken: string
}

const ACCOUNT_KEY = "coderoom.account"
const guestKey = (roomId: string) => `coderoom.guest.${roomId}`

type Listener = () => void
const listeners = new Set<Listener>()

function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key)
    return raw === null ? null : (JSON.parse(raw) as T)
  } catch {
    return null
  }
}

function notify(): void {
  for (const listener of listeners) listener()
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function accountTokens(): AccountTokens | null {
  return readJson<AccountTokens>(ACCOUNT_KEY)
}

export function setAccountTokens(tokens: AccountTokens | null): void {
  if (tokens === null) localStorage.removeItem(ACCOUNT_KEY)
  else localStorage.setItem(ACCOUNT_KEY, JSON.stringify(tokens))
  notify()
}

export function guestToken(roomId: string): string | null {
  return localStorage.getItem(guestKey(roomId))
}

export function setGuestToken(roomId: string, token: string | null): void {
  if (token === null) localStorage.removeItem(guestKey(roomId))
  else localStorage.setItem(guestKey(roomId), token)
  notify()
}

/** The token that speaks for this browser in `roomId`: the account's, else the room's guest token. */
export function tokenForRoom(roomId: string): string | null {
  return accountTokens()?.accessToken ?? guestToken(roomId)
}
