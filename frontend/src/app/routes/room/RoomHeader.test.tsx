// The live room's header: staff (host, interviewers) get the Replay and Report links;
// candidates and observers do not (RoomWorkspace passes isStaff from the role).
import type { Room } from "@/features/rooms/api"
import { mount } from "@/lib/mount.test-utils"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { MemoryRouter } from "react-router"
import { describe, expect, it } from "vitest"
import { RoomHeader } from "./RoomHeader"

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

function links(isStaff: boolean): Record<string, string | null> {
  const container = mount(
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
