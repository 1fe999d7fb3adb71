// A value shared between two components that do not render each other (a panel and its tab's
// badge), for the one room page at a time.
import { useSyncExternalStore } from "react"

export interface Store<T> {
  set(value: T): void
  /** The current value, re-rendering the caller when it changes. */
  use(): T
}

export function createStore<T>(initial: T): Store<T> {
  let current = initial
  const listeners = new Set<() => void>()
  const subscribe = (listener: () => void) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
  return {
    set(value) {
      if (Object.is(value, current)) return
      current = value
      for (const listener of listeners) listener()
    },
    use: () => useSyncExternalStore(subscribe, () => current),
  }
}
