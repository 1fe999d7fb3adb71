import { formatDuration } from "@/lib/format"
import type { Lane, ParticipantStats } from "../api"

type Metric = { key: keyof ParticipantStats; label: string; format?: (v: number) => string }

const METRICS: Metric[] = [
  { key: "chars_inserted", label: "Characters typed" },
  { key: "chars_deleted", label: "Characters deleted" },
  { key: "edits", label: "Edits" },
  { key: "active_typing_s", label: "Active typing", format: (v) => formatDuration(v * 1000) },
  { key: "longest_idle_s", label: "Longest idle", format: (v) => formatDuration(v * 1000) },
  { key: "runs", label: "Runs" },
  { key: "submissions", label: "Submissions" },
  { key: "pastes", label: "Pastes" },
  { key: "tab_aways", label: "Left the tab" },
  { key: "away_s", label: "Time away", format: (v) => formatDuration(v * 1000) },
]

const BAR_W = 180

function Bars({
  metric,
  stats,
  lanes,
}: { metric: Metric; stats: ParticipantStats[]; lanes: Lane[] }) {
  const values = stats.map((s) => Number(s[metric.key]) || 0)
  const max = Math.max(...values, 1)
  const rowH = 16
  return (
    <figure className="bars" data-testid={`bars-${metric.key}`}>
      <figcaption>{metric.label}</figcaption>
      <svg
        viewBox={`0 0 ${BAR_W + 130} ${stats.length * rowH}`}
        role="img"
        aria-label={metric.label}
      >
        {stats.map((s, i) => {
          const value = values[i] ?? 0
          const color = lanes.find((l) => l.id === s.participant_id)?.color ?? "#888"
          return (
            <g key={s.participant_id} transform={`translate(0 ${i * rowH})`}>
              <text x={0} y={12} className="bar-label">
                {s.name.slice(0, 12)}
              </text>
              <rect x={80} y={3} height={10} width={(value / max) * BAR_W} fill={color} />
              <text x={84 + (value / max) * BAR_W} y={12} className="bar-value">
                {metric.format ? metric.format(value) : value}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}

/** Small bar charts, one bar per participant for each number. */
export function AnalyticsPanel({ stats, lanes }: { stats: ParticipantStats[]; lanes: Lane[] }) {
  return (
    <section className="replay-analytics" aria-label="Analytics">
      <h2>Analytics</h2>
      <div className="bars-grid">
        {METRICS.map((metric) => (
          <Bars key={metric.key} metric={metric} stats={stats} lanes={lanes} />
        ))}
      </div>
      <ul className="muted small">
        {stats
          .filter((s) => s.paste_sizes.length > 0)
          .map((s) => (
            <li key={s.participant_id}>
              {s.name} pasted: {s.paste_sizes.map((n) => `${n} chars`).join(", ")}
            </li>
          ))}
      </ul>
    </section>
  )
}
