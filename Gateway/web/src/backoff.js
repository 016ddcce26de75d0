// Reconnect delays: quick at first, so a restarted gateway is picked up within a second or two,
// then doubling up to a ceiling so a gateway that stays down is not hammered. Jitter spreads the
// reconnects of many open pages after a restart.
export function reconnectDelay(attempt, { baseMs = 500, maxMs = 8000, jitter = 0.2, random = Math.random } = {}) {
  const exponential = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(exponential * (1 - jitter + 2 * jitter * random()));
}
