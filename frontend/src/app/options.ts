// Choices for the create-room form. Languages and problems come from their own domains'
// endpoints once those exist; until then the list of languages is the sandbox's usual set.
import type { Option } from "@/features/rooms/components/CreateRoomForm"

const DEFAULT_LANGUAGES: Option[] = [
  { value: "python", label: "Python" },
  { value: "javascript", label: "JavaScript" },
  { value: "typescript", label: "TypeScript" },
  { value: "java", label: "Java" },
  { value: "cpp", label: "C++" },
  { value: "c", label: "C" },
  { value: "go", label: "Go" },
  { value: "rust", label: "Rust" },
  { value: "ruby", label: "Ruby" },
  { value: "php", label: "PHP" },
]

export function useLanguageOptions(): Option[] {
  return DEFAULT_LANGUAGES
}

export function useProblemOptions(): Option[] {
  return []
}
