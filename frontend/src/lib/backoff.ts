/**
 * Reconnect delay for attempt `n` (0-based): exponential from `baseMs`, capped at `maxMs`, with
 * "full jitter" so that many clients dropped by one server restart do not return in lockstep.
 */
export function backoffDelay(
  n: number,
  baseMs = 500,
  maxMs = 10_000,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(n, 20))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
