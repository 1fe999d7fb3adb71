import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { Field } from "@/components/ui/Field"
import { type FormEvent, useId, useState } from "react"
import { type User, useUpdateProfile } from "../api"

/** The account's display name (what others see in rooms joined from now on). */
function NameForm({ user }: { user: User }) {
  const update = useUpdateProfile()
  const [name, setName] = useState(user.name)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    update.mutate({ name })
  }
  return (
    <form onSubmit={submit} className="row" aria-label="Display name">
      <Field
        label="Display name"
        required
        maxLength={80}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Button type="submit" disabled={update.isPending || name.trim() === user.name}>
        Save name
      </Button>
      <ErrorText error={update.error} />
    </form>
  )
}

/** Name, theme, keymap and font size; each preference is saved as soon as it changes. */
export function PreferencesForm({ user }: { user: User }) {
  const update = useUpdateProfile()
  const id = useId()
  const prefs = user.preferences
  const save = (change: Partial<typeof prefs>) => update.mutate({ preferences: change })
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Profile and preferences</h2>
      <NameForm user={user} />
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
