import { ApiError } from "@/lib/http"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { Component, type ErrorInfo, type ReactNode, useState } from "react"
import { ThemeSync } from "./preferences"

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network errors may.
        retry: (count, error) => !(error instanceof ApiError) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  })
}

class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null }
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("render failed", error, info.componentStack)
  }
  render() {
    if (this.state.error) {
      return (
        <main className="page center">
          <div className="card">
            <h1>Something went wrong</h1>
            <p>Reload the page to try again. Your code is kept in the room.</p>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => window.location.reload()}
            >
              Reload
            </button>
          </div>
        </main>
      )
    }
    return this.props.children
  }
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient)
  return (
    <ErrorBoundary>
      <QueryClientProvider client={client}>
        <ThemeSync />
        {children}
      </QueryClientProvider>
    </ErrorBoundary>
  )
}
