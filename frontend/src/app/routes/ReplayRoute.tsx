import { ReplayPage } from "@/features/replay/components/ReplayPage"
import { BoardView } from "@/features/whiteboard/components/BoardView"

/** The replay page, with the whiteboard as it was at the replayed moment. */
export function ReplayRoute() {
  return <ReplayPage board={(doc) => <BoardView doc={doc} />} />
}
