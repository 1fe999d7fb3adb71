/** One choice of a `SelectField`: the value it stands for and the text shown. */
export interface Option<T extends string = string> {
  value: T
  label: string
}

/** A labelled `<select>` over a fixed list of options, in the form's `field` layout. */
export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  onValue,
}: {
  id: string
  label: string
  value: T | undefined
  options: readonly Option<T>[]
  onValue: (value: T) => void
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onValue(e.target.value as T)}>
        <Options options={options} />
      </select>
    </div>
  )
}

/** The `<option>`s of a `<select>`, one per `Option`. */
export function Options<T extends string>({ options }: { options: readonly Option<T>[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ))
}
