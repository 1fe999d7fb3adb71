// An unmodified y-websocket WebsocketProvider driven by JSON-line commands on stdin.
// Each command gets one JSON-line answer on stdout. Used by tests/interop/test_yjs.py.
import { createInterface } from 'node:readline'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'

const [serverUrl, room, token, name] = process.argv.slice(2)
const doc = new Y.Doc()
const provider = new WebsocketProvider(serverUrl, `${room}/doc`, doc, {
  WebSocketPolyfill: WebSocket,
  params: { token },
  connect: true,
})
provider.awareness.setLocalStateField('user', { name, color: '#3366ff' })

const files = doc.getMap('files')
const textOf = (path) => {
  const t = files.get(path)
  return t instanceof Y.Text ? t : null
}
const until = (check, timeoutMs = 15000) =>
  new Promise((resolve, reject) => {
    const started = Date.now()
    const tick = () => {
      if (check()) return resolve(true)
      if (Date.now() - started > timeoutMs) return reject(new Error('timeout'))
      setTimeout(tick, 10)
    }
    tick()
  })

const handlers = {
  synced: async () => { await until(() => provider.synced); return {} },
  insert: async ({ path, index, text }) => {
    await until(() => textOf(path) !== null)
    const t = textOf(path)
    t.insert(Math.min(index ?? t.length, t.length), text)
    return {}
  },
  type: async ({ path, chars, delayMs }) => {
    await until(() => textOf(path) !== null)
    for (const ch of chars) {
      const t = textOf(path)
      t.insert(t.length, ch)
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
    }
    return {}
  },
  text: async ({ path }) => ({ text: textOf(path)?.toString() ?? null }),
  files: async () => ({ files: Object.fromEntries([...files.keys()].map((k) => [k, textOf(k)?.toString() ?? null])) }),
  wait: async ({ path, contains, timeoutMs }) => {
    await until(() => contains.every((s) => (textOf(path)?.toString() ?? '').includes(s)), timeoutMs)
    return { text: textOf(path).toString() }
  },
  disconnect: async () => { provider.disconnect(); return {} },
  connect: async () => { provider.connect(); await until(() => provider.synced); return {} },
  cursor: async ({ file, pos }) => { provider.awareness.setLocalStateField('cursor', { file, pos }); return {} },
  peers: async ({ count, timeoutMs }) => {
    const others = () => [...provider.awareness.getStates().entries()].filter(([id]) => id !== doc.clientID)
    await until(() => others().length === count, timeoutMs)
    return { peers: others().map(([, s]) => s) }
  },
  status: async () => ({ connected: provider.wsconnected, synced: provider.synced }),
  exit: async () => { provider.destroy(); setTimeout(() => process.exit(0), 50); return {} },
}

const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  const cmd = JSON.parse(line)
  try {
    const result = await handlers[cmd.cmd](cmd)
    process.stdout.write(JSON.stringify({ ok: true, ...result }) + '\n')
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(err) }) + '\n')
  }
}
