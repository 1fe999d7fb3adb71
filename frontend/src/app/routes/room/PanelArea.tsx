import { useId, useState } from "react"
import type { PanelSlot, RoomPanelContext } from "./panels"

/**
 * Tabs over a list of panels (ARIA tabs pattern); nothing is rendered when there are none. The
 * open tab is the area's own, unless the caller holds it (`selected`, `onSelect`).
 */
export function PanelArea({
  panels,
  ctx,
  label,
  className,
  selected: held,
  onSelect,
}: {
  panels: PanelSlot[]
  ctx: RoomPanelContext
  label: string
  className: string
  selected?: string
  onSelect?: (id: string) => void
}) {
  const id = useId()
  const [own, setOwn] = useState<string | null>(null)
  const selected = held ?? own
  const setSelected = onSelect ?? setOwn
  if (panels.length === 0) return null
  const active = panels.find((p) => p.id === selected) ?? panels[0]!
  return (
    <section className={className} aria-label={label}>
      <div role="tablist" aria-label={label} className="tabs">
        {panels.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            id={`${id}-tab-${p.id}`}
            aria-selected={p.id === active.id}
            aria-controls={`${id}-panel-${p.id}`}
            onClick={() => setSelected(p.id)}
          >
            {p.label}
            {p.badge?.()}
          </button>
        ))}
      </div>
      {/* Every panel stays mounted (chat scroll, console output survive tab switches). */}
      {panels.map((p) => (
        <div
          key={p.id}
          role="tabpanel"
          id={`${id}-panel-${p.id}`}
          aria-labelledby={`${id}-tab-${p.id}`}
          className="tabpanel"
          hidden={p.id !== active.id}
        >
          {p.render(ctx)}
        </div>
      ))}
    </section>
  )
}
