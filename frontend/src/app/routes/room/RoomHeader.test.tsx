// The live room's header: staff (host, interviewers) get the Replay and Report links;
// candidates and observers do not (RoomWorkspace passes isStaff from the role).
import type { Room } from "@/features/rooms/api"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { act } from "react"
import { type Root, createRoot } from "react-dom/client"
import { MemoryRouter } from "react-router"
import { afterEach, describe, expect, it } from "vitest"
import { RoomHeader } from "./RoomHeader"

// React's act() needs to know it runs in a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const room: Room = {
  id: "r1",
  title: "Interview",
  description: "",
  language: "python",
  status: "active",
  auto_admit: false,
  proctoring_enabled: false,
  password_required: false,
  invite_code: null,
  host_user_id: "u1",
  problem_id: null,
  created_at: "2026-12-01T10:00:00Z",
  ended_at: null,
  me: null,
  participants: null,
}

let root: Root | null = null
let container: HTMLDivElement | null = null
afterEach(() => {
  act(() => root?.unmount())
  container?.remove()
  root = null
  container = null
})

function links(isStaff: boolean): Record<string, string | null> {
  container = document.createElement("div")
  document.body.append(container)
  root = createRoot(container)
  act(() =>
    root?.render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>
          <RoomHeader
            room={room}
            isStaff={isStaff}
            status={null}
            peers={[]}
            followed={null}
            onFollow={() => {}}
            onUnfollow={() => {}}
          />
        </MemoryRouter>
      </QueryClientProvider>,
    ),
  )
  const found: Record<string, string | null> = {}
  for (const a of container.querySelectorAll("a"))
    found[a.textContent ?? ""] = a.getAttribute("href")
  return found
}

describe("RoomHeader", () => {
  it("links staff to the room's replay and report", () => {
    const found = links(true)
    expect(found.Report).toBe("/rooms/r1/report")
    expect(found.Replay).toBe("/rooms/r1/replay")
  })

  it("shows candidates and observers neither link", () => {
    const found = links(false)
    expect(Object.keys(found)).toEqual(["coderoom"])
  })
})
