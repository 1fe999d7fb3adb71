import { useMe } from "@/features/auth/api"
import type { EditorPrefs } from "@/features/editor/components/CollabEditor"
import { useEffect, useSyncExternalStore } from "react"

const darkQuery = () => window.matchMedia("(prefers-color-scheme: dark)")

function useSystemDark(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const q = darkQuery()
      q.addEventListener("change", cb)
      return () => q.removeEventListener("change", cb)
    },
    () => darkQuery().matches,
  )
}

/** The editor/theme preferences in force: the account's, or defaults for guests. */
export function useEditorPrefs(): EditorPrefs {
  const me = useMe()
  const systemDark = useSystemDark()
  const prefs = me.data?.preferences
  const theme = prefs?.theme ?? "system"
  return {
    theme: theme === "system" ? (systemDark ? "dark" : "light") : theme,
    keymap: prefs?.keymap ?? "default",
    fontSize: prefs?.font_size ?? 14,
  }
}

/** Puts the theme on <html> so the whole app (not only Monaco) follows it. */
export function ThemeSync() {
  const { theme } = useEditorPrefs()
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  return null
}
