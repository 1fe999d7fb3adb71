// coderoom's service worker: keeps the app shell (index.html and the fingerprinted assets) so
// a page reloaded without network still starts and opens the room from IndexedDB.
// API calls and WebSockets are never cached.
const CACHE = "coderoom-shell-v1"
const NOT_APP = ["/api/", "/ws/", "/docs", "/redoc", "/openapi.json", "/healthz", "/readyz"]

// The shell and the assets it names are cached at install: the very first page load happened
// before this worker existed, so its requests were never seen by the fetch handler below.
async function precacheShell() {
  const cache = await caches.open(CACHE)
  const response = await fetch("/index.html", { cache: "no-cache" })
  if (!response.ok) return
  const html = await response.clone().text()
  await cache.put("/index.html", response)
  const assets = [...new Set(html.match(/\/assets\/[^"'\s>]+/g) ?? [])]
  await cache.addAll(assets)
}

self.addEventListener("install", (event) => {
  self.skipWaiting()
  event.waitUntil(precacheShell().catch(() => undefined))
})
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()))

self.addEventListener("fetch", (event) => {
  const request = event.request
  if (request.method !== "GET") return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  // Only the SPA's own pages: the API docs and probes are other documents, and caching one of
  // them as the shell would start the wrong page offline.
  if (NOT_APP.some((prefix) => url.pathname.startsWith(prefix))) return
  if (request.mode === "navigate") {
    // Network first, so a new deploy is picked up; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone()
            caches.open(CACHE).then((cache) => cache.put("/index.html", copy))
          }
          return response
        })
        .catch(() => caches.match("/index.html").then((hit) => hit ?? Response.error())),
    )
    return
  }
  if (url.pathname.startsWith("/assets/")) {
    // Fingerprinted: a cached copy is always right.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone()
              caches.open(CACHE).then((cache) => cache.put(request, copy))
            }
            return response
          }),
      ),
    )
  }
})
