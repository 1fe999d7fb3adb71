// "Someone drew while you were looking at the code": set by the board (which sees remote
// changes and knows whether it is on screen), shown next to the Whiteboard tab's name.
import { createStore } from "@/lib/store"

const unseen = createStore(false)

export const setUnseen = (value: boolean): void => unseen.set(value)
export const useUnseen = (): boolean => unseen.use()
