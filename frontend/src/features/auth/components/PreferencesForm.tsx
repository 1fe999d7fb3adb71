import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { type Option, SelectField } from "@/components/ui/SelectField"
import { type FormEvent, useId, useState } from "react"
import { type User, useUpdateProfile } from "../api"
import { NameField } from "./fields"

type Preferences = User["preferences"]

const THEMES: readonly Option<NonNullable<Preferences["theme"]>>[] = [
  { value: "system", label: "Same as system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
]

const KEYMAPS: readonly Option<NonNullable<Preferences["keymap"]>>[] = [
  { value: "default", label: "Default" },
  { value: "vim", label: "Vim" },
  { value: "emacs", label: "Emacs" },
]

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
      <NameField label="Display name" value={name} onValue={setName} />
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
      <SelectField
        id={`${id}-theme`}
        label="Theme"
        value={prefs.theme}
        options={THEMES}
        onValue={(theme) => save({ theme })}
      />
      <SelectField
        id={`${id}-keymap`}
        label="Keyboard"
        value={prefs.keymap}
        options={KEYMAPS}
        onValue={(keymap) => save({ keymap })}
      />
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
