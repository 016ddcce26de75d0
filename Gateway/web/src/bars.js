// Turns the gateway's bar JSON into the shapes lightweight-charts draws.

// lightweight-charts labels its time axis in UTC. Shifting each time by the offset the gateway
// wrote into the timestamp (New York's) makes the axis read in exchange time, as traders expect.
export function chartTime(timestamp) {
  const match = /([+-])(\d\d):(\d\d)$/.exec(timestamp);
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return Math.floor(Date.parse(timestamp) / 1000) + offsetMinutes * 60;
}

export function toCandle(bar) {
  return { time: chartTime(bar.timestamp), open: bar.open, high: bar.high, low: bar.low, close: bar.close };
}

export function toVolume(bar, colors) {
  return { time: chartTime(bar.timestamp), value: bar.volume, color: bar.close >= bar.open ? colors.up : colors.down };
}

// A null indicator (warm-up) becomes a whitespace point, so the line has a gap but the time scale
// still lines up with the candles.
export function toLinePoint(bar, key) {
  const time = chartTime(bar.timestamp);
  const value = bar[key];
  return typeof value === 'number' && Number.isFinite(value) ? { time, value } : { time };
}

// Moving-average keys follow the server's configured periods (MA40, MA80, MA160 by default),
// so they are read from the data rather than assumed; shortest period first.
export function movingAverageKeys(bar) {
  return Object.keys(bar)
    .filter((key) => /^MA\d+$/.test(key))
    .sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
}

// lightweight-charts rejects unordered or repeated times. The gateway sends history oldest first
// with unique timestamps; this keeps one bad record from blanking the whole chart.
export function orderedUnique(bars) {
  const byTime = new Map();
  for (const bar of bars) byTime.set(chartTime(bar.timestamp), bar);
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([, bar]) => bar);
}
