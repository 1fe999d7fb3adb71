import { ErrorText } from "@/components/ui/ErrorText"
import { useMe } from "@/features/auth/api"
import { PreferencesForm } from "@/features/auth/components/PreferencesForm"
import { useLanguageNames } from "@/features/execution/api"
import { useMyRooms } from "@/features/rooms/api"
import { CreateRoomForm } from "@/features/rooms/components/CreateRoomForm"
import { JoinRoomForm } from "@/features/rooms/components/JoinRoomForm"
import { RoomList } from "@/features/rooms/components/RoomList"
import { useNavigate } from "react-router"
import { useLanguageOptions, useProblemOptions } from "../options"

export function DashboardRoute() {
  const navigate = useNavigate()
  const me = useMe()
  const rooms = useMyRooms()
  const languages = useLanguageOptions()
  const languageName = useLanguageNames()
  const problems = useProblemOptions()
  const items = rooms.data?.items ?? []
  return (
    <main className="page dashboard">
      <div className="dashboard-main">
        <h1>Your rooms</h1>
        <ErrorText error={rooms.error} />
        <RoomList
          title="Active"
          rooms={items.filter((r) => r.status === "active")}
          languageName={languageName}
        />
        <RoomList
          title="Past"
          rooms={items.filter((r) => r.status === "ended")}
          languageName={languageName}
        />
      </div>
      <aside className="dashboard-side">
        <CreateRoomForm
          languages={languages}
          problems={problems}
          onCreated={(room) => navigate(`/rooms/${room.id}`)}
        />
        <JoinRoomForm onGo={(path) => navigate(path)} />
        {me.data ? <PreferencesForm user={me.data} /> : null}
      </aside>
    </main>
  )
}
