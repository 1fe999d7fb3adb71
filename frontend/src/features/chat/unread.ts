// The chat's unread count, shared between the chat panel (which knows it) and its tab label
// (which shows it). One room page at a time, so one store.
import { useSyncExternalStore } from "react"

let unread = 0
const listeners = new Set<() => void>()

export function setUnread(value: number): void {
  if (value === unread) return
  unread = value
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useUnread(): number {
  return useSyncExternalStore(subscribe, () => unread)
}
