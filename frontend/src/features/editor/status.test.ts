import { describe, expect, it } from "vitest"
import { type SyncEvent, describeSync, initialSyncState, syncReducer } from "./status"

const run = (...events: SyncEvent[]) => events.reduce(syncReducer, initialSyncState)

describe("syncReducer", () => {
  it("goes live only after the first sync", () => {
    expect(run({ type: "socket", status: "connected" }).phase).toBe("connecting")
    expect(run({ type: "socket", status: "connected" }, { type: "synced" }).phase).toBe("live")
  })

  it("reconnects after a drop once it has synced", () => {
    const s = run({ type: "synced" }, { type: "socket", status: "disconnected" })
    expect(s.phase).toBe("reconnecting")
    expect(syncReducer(s, { type: "synced" }).phase).toBe("live")
  })

  it("stays offline until the browser is online, whatever the socket says", () => {
    const s = run(
      { type: "synced" },
      { type: "browser-offline" },
      { type: "socket", status: "connecting" },
    )
    expect(s.phase).toBe("offline")
    expect(syncReducer(s, { type: "synced" }).phase).toBe("offline")
    expect(syncReducer(s, { type: "browser-online" }).phase).toBe("reconnecting")
  })

  it("marks offline edits unsynced until flushed after the resync", () => {
    let s = run(
      { type: "synced" },
      { type: "browser-offline" },
      { type: "local-edit", sentNow: false },
    )
    expect(s.unsynced).toBe(true)
    s = syncReducer(s, { type: "flushed" })
    expect(s.unsynced).toBe(true) // not live yet: nothing was sent
    s = syncReducer(syncReducer(s, { type: "browser-online" }), { type: "synced" })
    expect(s.unsynced).toBe(true)
    s = syncReducer(s, { type: "flushed" })
    expect(s).toEqual({ phase: "live", unsynced: false, everSynced: true })
  })

  it("does not mark edits sent over a live socket as unsynced", () => {
    expect(run({ type: "synced" }, { type: "local-edit", sentNow: true }).unsynced).toBe(false)
  })

  it("treats an edit claimed as sent while not live as unsynced", () => {
    expect(run({ type: "local-edit", sentNow: true }).unsynced).toBe(true)
  })

  it("is terminal once denied", () => {
    const s = run({ type: "denied" }, { type: "synced" }, { type: "browser-online" })
    expect(s.phase).toBe("denied")
  })
})

describe("describeSync", () => {
  it("names the offline state prominently", () => {
    expect(describeSync(run({ type: "browser-offline" })).label).toBe(
      "Offline — changes saved locally",
    )
  })

  it("says Saved only when live with nothing pending", () => {
    expect(describeSync(run({ type: "synced" })).label).toBe("Saved")
    expect(describeSync({ phase: "live", unsynced: true, everSynced: true }).label).toBe("Saving…")
  })
})
