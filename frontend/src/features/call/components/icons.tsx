// Small stroke icons for the call controls and tiles (decorative: labels are on the buttons).
import type { ReactNode } from "react"

function Icon({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <svg
      className="call-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      {label ? <title>{label}</title> : null}
      {children}
    </svg>
  )
}

export const MicIcon = ({ off, label }: { off?: boolean; label?: string }) => (
  <Icon label={label}>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    {off ? <path d="M3 3l18 18" /> : null}
  </Icon>
)

export const CameraIcon = ({ off, label }: { off?: boolean; label?: string }) => (
  <Icon label={label}>
    <rect x="3" y="6" width="13" height="12" rx="2" />
    <path d="M16 10l5-3v10l-5-3" />
    {off ? <path d="M3 3l18 18" /> : null}
  </Icon>
)

export const LeaveIcon = () => (
  <Icon>
    <path d="M3 15c5-5 13-5 18 0l-3 3-3-2v-3a9 9 0 0 0-6 0v3l-3 2z" />
  </Icon>
)

export const ChevronIcon = ({ up }: { up: boolean }) => (
  <Icon>
    <path d={up ? "M6 15l6-6 6 6" : "M6 9l6 6 6-6"} />
  </Icon>
)
