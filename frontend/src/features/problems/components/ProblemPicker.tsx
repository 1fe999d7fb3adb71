import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { useId, useState } from "react"
import { type Difficulty, type RoomProblem, useAttachProblem, useProblemLibrary } from "../api"

/** Staff: search the library and put a problem into the room. */
export function ProblemPicker({
  roomId,
  onAttached,
  onClose,
}: {
  roomId: string
  onAttached: (problem: RoomProblem) => void
  onClose?: () => void
}) {
  const id = useId()
  const [q, setQ] = useState("")
  const [difficulty, setDifficulty] = useState<Difficulty | "">("")
  const library = useProblemLibrary(q.trim(), difficulty, true)
  const attach = useAttachProblem(roomId)
  return (
    <section className="problem-picker" aria-label="Problem library">
      <div className="row">
        <label htmlFor={`${id}-q`} className="sr-only">
          Search problems
        </label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Search problems"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <label htmlFor={`${id}-d`} className="sr-only">
          Difficulty
        </label>
        <select
          id={`${id}-d`}
          value={difficulty}
          onChange={(e) => setDifficulty(e.target.value as Difficulty | "")}
        >
          <option value="">Any difficulty</option>
          <option value="easy">Easy</option>
          <option value="medium">Medium</option>
          <option value="hard">Hard</option>
        </select>
        {onClose ? (
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
        ) : null}
      </div>
      <ErrorText error={library.error ?? attach.error} />
      {/* The list stretches to the panel's bottom: the message replaces it, not follows it. */}
      {library.data && library.data.items.length === 0 ? (
        <p className="muted small">No problem matches.</p>
      ) : (
        <ul className="problem-list" data-testid="problem-library">
          {(library.data?.items ?? []).map((p) => (
            <li key={p.id} className="problem-row">
              <span className="problem-title">{p.title}</span>
              <span className={`difficulty difficulty-${p.difficulty} small`}>{p.difficulty}</span>
              <Button
                aria-label={`Use ${p.title} in room`}
                disabled={attach.isPending}
                onClick={() =>
                  attach.mutate(p.id, {
                    onSuccess: (problem) => {
                      if (problem) onAttached(problem)
                    },
                  })
                }
              >
                Use in room
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
