import { AppProvider } from "@/app/provider"
import { AppRouter } from "@/app/router"
import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import "@/app/styles.css"

const root = document.getElementById("root")
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppProvider>
        <AppRouter />
      </AppProvider>
    </StrictMode>,
  )
}

// The service worker keeps the app shell available offline, so a reload without network
// still opens the room from IndexedDB (AC3.6).
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register("/sw.js").catch(() => undefined)
}
