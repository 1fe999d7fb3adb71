// Mounting components into vitest's DOM for a test; every mount is undone after each test.
import { type ReactNode, act } from "react"
import { type Root, createRoot } from "react-dom/client"
import { afterEach } from "vitest"

// React's act() needs to know it runs in a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const mounted: { root: Root; container: HTMLElement }[] = []

afterEach(() => {
  for (const { root, container } of mounted.splice(0)) {
    act(() => root.unmount())
    container.remove()
  }
})

/** Render `node` into a fresh container in the document; returns the container. */
export function mount(node: ReactNode): HTMLElement {
  const container = document.createElement("div")
  document.body.append(container)
  const root = createRoot(container)
  act(() => root.render(node))
  mounted.push({ root, container })
  return container
}
