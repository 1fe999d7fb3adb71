// "Someone drew while you were looking at the code": set by the board (which sees remote
// changes and knows whether it is on screen), shown next to the Whiteboard tab's name. One
// room page at a time, so one store.
import { useSyncExternalStore } from "react"

let unseen = false
const listeners = new Set<() => void>()

export function setUnseen(value: boolean): void {
  if (value === unseen) return
  unseen = value
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useUnseen(): boolean {
  return useSyncExternalStore(subscribe, () => unseen)
}
