import type { Option } from "@/components/ui/SelectField"
// Choices for the create-room form, from the execution and problems features (the app
// composes features; they never import each other).
import { useLanguages } from "@/features/execution/api"
import { useProblemLibrary } from "@/features/problems/api"

// Shown until the server's list arrives (or if it cannot be had): Python always works.
const FALLBACK: Option[] = [{ value: "python", label: "Python" }]

export function useLanguageOptions(): Option[] {
  const languages = useLanguages()
  const list = languages.data ?? []
  return list.length > 0
    ? list.map((l) => ({ value: l.id, label: `${l.name} ${l.version}` }))
    : FALLBACK
}

export function useProblemOptions(): Option[] {
  const problems = useProblemLibrary("", "", true)
  return (problems.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.title} (${p.difficulty})`,
  }))
}
