import { useIsSignedIn } from "@/features/auth/api"
import { Navigate, Outlet, RouterProvider, createBrowserRouter } from "react-router"
import { AppHeader } from "./routes/AppHeader"
import { SignInRoute, SignUpRoute } from "./routes/AuthRoutes"
import { DashboardRoute } from "./routes/DashboardRoute"
import { JoinRoute } from "./routes/JoinRoute"
import { NotFoundRoute } from "./routes/NotFoundRoute"
import { RoomRoute } from "./routes/room/RoomRoute"

function Shell() {
  return (
    <>
      <AppHeader />
      <Outlet />
    </>
  )
}

function RequireAccount() {
  const signedIn = useIsSignedIn()
  return signedIn ? <Outlet /> : <Navigate to="/signin" replace />
}

/** Shown while a lazy route's chunk loads on a first visit straight to its address. */
function RouteLoading() {
  return (
    <div className="spinner" role="status" aria-label="Loading" style={{ marginTop: "20vh" }} />
  )
}

const router = createBrowserRouter([
  // The room and the join page fill the window and carry their own headers.
  { path: "/rooms/:roomId", element: <RoomRoute /> },
  {
    // Its own chunk: Monaco and Yjs load only when a replay is opened.
    path: "/rooms/:roomId/replay",
    HydrateFallback: RouteLoading,
    lazy: async () => ({
      Component: (await import("./routes/ReplayRoute")).ReplayRoute,
    }),
  },
  {
    path: "/rooms/:roomId/report",
    HydrateFallback: RouteLoading,
    lazy: async () => ({ Component: (await import("./routes/ReportRoute")).ReportRoute }),
  },
  { path: "/join/:code", element: <JoinRoute /> },
  {
    element: <Shell />,
    children: [
      { path: "/signin", element: <SignInRoute /> },
      { path: "/signup", element: <SignUpRoute /> },
      { element: <RequireAccount />, children: [{ path: "/", element: <DashboardRoute /> }] },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
])

export function AppRouter() {
  return <RouterProvider router={router} />
}
