import type { Room } from "./api"

// The last room answer per room, so a reload while offline can still open the room.
const key = (roomId: string) => `coderoom.room.${roomId}`

export function cacheRoom(room: Room): void {
  try {
    localStorage.setItem(key(room.id), JSON.stringify(room))
  } catch {
    // Storage full or disabled: offline reloads lose the room shell, nothing else breaks.
  }
}

export function cachedRoom(roomId: string): Room | null {
  try {
    const raw = localStorage.getItem(key(roomId))
    return raw ? (JSON.parse(raw) as Room) : null
  } catch {
    return null
  }
}
