// The chat's unread count, shared between the chat panel (which knows it) and its tab label
// (which shows it). One room page at a time, so one store.
import { createStore } from "@/lib/store"

const unread = createStore(0)

export const setUnread = (value: number): void => unread.set(value)
export const useUnread = (): number => unread.use()
