// One line of text for each room event in the staff activity log (pure; tested).
import { formatDuration, verdictLabel } from "@/lib/format"
import type { EventMessage } from "@/lib/room-protocol"

export type ActivityKind = "presence" | "run" | "submission" | "proctor" | "chat" | "room"

export interface ActivityLine {
  kind: ActivityKind
  text: string
}

type NameOf = (participantId: string | null | undefined) => string

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null
}

function personOf(data: Record<string, unknown>, nameOf: NameOf): string {
  const participant = data.participant as { display_name?: string; id?: string } | undefined
  if (participant?.display_name) return participant.display_name
  const by = data.by as { name?: string; participant_id?: string } | undefined
  if (by?.name) return by.name
  return str(data.name) ?? nameOf(str(data.participant_id) ?? participant?.id ?? by?.participant_id)
}

function proctorText(data: Record<string, unknown>): string {
  switch (data.kind) {
    case "tab_hidden":
      return "Left tab"
    case "tab_visible":
      return `Returned after ${formatDuration(Number(data.away_ms ?? 0))}`
    case "window_blur":
      return "Window lost focus"
    case "window_focus":
      return "Window focused again"
    case "paste":
      return data.external === false
        ? `Paste from the editor (${Number(data.chars ?? 0)} chars)`
        : `External paste (${Number(data.chars ?? 0)} chars)`
    default:
      return String(data.kind ?? "Signal")
  }
}

/** The log line for `event`, or null for events the log does not show. */
export function describeEvent(
  event: Pick<EventMessage, "type" | "data" | "actor_id">,
  nameOf: NameOf,
): ActivityLine | null {
  const data = event.data ?? {}
  const who = personOf(data, (id) => nameOf(id ?? event.actor_id))
  switch (event.type) {
    case "participant.joined":
      return { kind: "presence", text: `${who} joined the room` }
    case "participant.left":
      return { kind: "presence", text: `${who} left the room` }
    case "participant.removed":
      return { kind: "presence", text: `${who} was removed` }
    case "participant.role_changed": {
      const role = (data.participant as { role?: string } | undefined)?.role ?? "?"
      return { kind: "room", text: `${who} is now ${role}` }
    }
    case "presence.joined":
      return { kind: "presence", text: `${who} connected` }
    case "presence.left":
      return { kind: "presence", text: `${who} disconnected` }
    case "admission.waiting":
      return { kind: "presence", text: `${who} is waiting to be admitted` }
    case "admission.admitted":
      return { kind: "presence", text: `${who} was admitted` }
    case "admission.rejected":
      return { kind: "presence", text: `${who} was declined` }
    case "run.finished": {
      const result = data.result as { status?: string; exit_code?: number | null } | undefined
      const language = str(data.language) ?? "code"
      if (!result) return { kind: "run", text: `${who}'s ${language} run did not start` }
      const label = verdictLabel(result.status ?? "ok").toLowerCase()
      const exit =
        result.exit_code === null || result.exit_code === undefined
          ? ""
          : `, exit code ${result.exit_code}`
      return { kind: "run", text: `${who} ran ${language}: ${label}${exit}` }
    }
    case "submission.created": {
      const passed = data.passed ?? data.hidden_passed
      const total = data.total ?? data.hidden_total
      const score = typeof data.score === "number" ? `, score ${data.score}` : ""
      const tests =
        passed !== undefined && total !== undefined ? `: ${passed}/${total} tests passed` : ""
      return { kind: "submission", text: `${who} submitted${tests}${score}` }
    }
    case "problem.changed":
      return { kind: "room", text: "The problem was changed" }
    case "chat.message":
      return { kind: "chat", text: `${who}: ${str(data.text) ?? ""}` }
    case "proctor.signal":
      return { kind: "proctor", text: `${who}: ${proctorText(data)}` }
    case "room.ended":
      return { kind: "room", text: "The room was ended" }
    default:
      return null
  }
}

/** "14:03:07" in local time for a Unix timestamp in seconds. */
export function formatClock(ts: number): string {
  return new Date(ts * 1000).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  })
}
