import { ErrorText } from "@/components/ui/ErrorText"
import { useId } from "react"
import { type User, useUpdateProfile } from "../api"

/** Theme, keymap and font size; each change is saved at once. */
export function PreferencesForm({ user }: { user: User }) {
  const update = useUpdateProfile()
  const id = useId()
  const prefs = user.preferences
  const save = (change: Partial<typeof prefs>) => update.mutate({ preferences: change })
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Preferences</h2>
      <div className="field">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <select
          id={`${id}-theme`}
          value={prefs.theme}
          onChange={(e) => save({ theme: e.target.value as typeof prefs.theme })}
        >
          <option value="system">Same as system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-keymap`}>Keyboard</label>
        <select
          id={`${id}-keymap`}
          value={prefs.keymap}
          onChange={(e) => save({ keymap: e.target.value as typeof prefs.keymap })}
        >
          <option value="default">Default</option>
          <option value="vim">Vim</option>
          <option value="emacs">Emacs</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-font`}>Font size</label>
        <input
          id={`${id}-font`}
          type="number"
          min={10}
          max={32}
          value={prefs.font_size}
          onChange={(e) => {
            const size = Number(e.target.value)
            if (size >= 10 && size <= 32) save({ font_size: size })
          }}
        />
      </div>
      <ErrorText error={update.error} />
    </section>
  )
}
