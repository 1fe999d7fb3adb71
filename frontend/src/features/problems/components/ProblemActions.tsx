import { Button } from "@/components/ui/Button"
import { ErrorText } from "@/components/ui/ErrorText"
import { useJudge, useRoomProblem } from "../api"

/** Run tests and Submit next to Run, when the room has a problem. */
export function ProblemActions({
  roomId,
  language,
  getCode,
  canRun,
}: {
  roomId: string
  language: string
  getCode: () => string
  canRun: boolean
}) {
  const problem = useRoomProblem(roomId)
  const { runTests, submit } = useJudge(roomId)
  if (!problem.data) return null
  const busy = runTests.isPending || submit.isPending
  const input = () => ({ language, code: getCode() })
  return (
    <>
      <Button disabled={!canRun || busy} onClick={() => runTests.mutate(input())}>
        {runTests.isPending ? "Testing…" : "Run tests"}
      </Button>
      <Button disabled={!canRun || busy} onClick={() => submit.mutate(input())}>
        {submit.isPending ? "Submitting…" : "Submit"}
      </Button>
      <ErrorText error={runTests.error ?? submit.error} />
    </>
  )
}
