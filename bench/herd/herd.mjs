// A reconnect herd against one gateway (run by bench/herd.sh; Node 20 with --experimental-websocket, no packages):
// a few "following" sockets open first and their live 1-minute bars are timed for PRE seconds; then HERD sockets
// for HERD distinct symbols (SYN00001..) open at once, each asking for one bar of history. The run records which
// got their history and when, which got an error (message and close code), and the following sockets' latency
// during the herd. It ends when every herd socket has its history or has ended, or after WAIT seconds, then
// follows POST seconds more. Prints one JSON report on stdout.
//
//   node --experimental-websocket herd.mjs --url ws://127.0.0.1:18000 --herd 500 --follow AAPL,MSFT \
//        --start 2025-06-10T09:30:00-04:00 --anchor <ISO> --speed 60 [--pre 15] [--wait 90] [--post 5]
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const url = args.url ?? 'ws://127.0.0.1:18000';
const herdSize = Number(args.herd ?? 500);
const follow = (args.follow ?? 'AAPL,MSFT,NVDA,AMZN,GOOGL').split(',');
const start = Date.parse(args.start);
const anchor = Date.parse(args.anchor);
const speed = Number(args.speed ?? 60);
const preSeconds = Number(args.pre ?? 15);
const waitSeconds = Number(args.wait ?? 90);
const postSeconds = Number(args.post ?? 5);
const key = args['api-key'] ? `&apiKey=${encodeURIComponent(args['api-key'])}` : '';

/** Wall-clock ms at which the simulator emitted the 1-minute bar starting at market time barStart (ms). */
const emitTime = barStart => anchor + (barStart + 60_000 - start) / speed;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const percentile = (values, p) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
};

let phase = 'pre';
const latencies = { pre: [], herd: [], post: [] };

function open(symbol, onFirstBar) {
  const s = { symbol, opened: Date.now(), history: null, bars: 0, error: null, close: null, lastBar: null };
  const ws = new WebSocket(`${url}/ws/candles/${symbol}?timeframe=1Min&limit=1${key}`);
  s.ws = ws;
  ws.onmessage = event => {
    const received = Date.now();
    let message;
    try { message = JSON.parse(event.data); } catch { return; }
    if (message.type === 'historical' && s.history === null) s.history = received;
    else if (message.type === 'error') s.error ??= message.message;
    else if (message.type === 'bar' && message.timestamp) {
      const bar = Date.parse(message.timestamp);
      // The first message of each minute is its emission; later ones are updates of a bar already sent.
      if (bar === s.lastBar) return;
      s.lastBar = bar;
      s.bars++;
      onFirstBar?.(received - emitTime(bar));
    }
  };
  ws.onclose = event => { s.close ??= { code: event.code, reason: event.reason, at: Date.now() }; };
  ws.onerror = () => { s.error ??= 'socket error'; };
  return s;
}

const followers = follow.map(symbol => open(symbol, latency => latencies[phase].push(latency)));
for (let i = 0; i < 300 && followers.some(f => f.history === null && f.close === null); i++) await sleep(100);
// The first bars after a connect may be older than the wait: measured from the next minute on.
await sleep(2000);
latencies.pre.length = 0;
await sleep(preSeconds * 1000);

phase = 'herd';
const herdStart = Date.now();
const herd = Array.from({ length: herdSize }, (_, i) => open(`SYN${String(i + 1).padStart(5, '0')}`));
const ended = s => s.history !== null || s.close !== null || s.error !== null;
while (Date.now() - herdStart < waitSeconds * 1000 && !herd.every(ended)) await sleep(200);
const herdEnd = Date.now();
phase = 'post';
await sleep(postSeconds * 1000);

const errors = {};
for (const s of herd.filter(s => s.history === null)) {
  const what = s.error ? s.error.replace(/SYN\d{5}/g, 'SYNxxxxx') : 'no answer';
  const label = `${what} (close ${s.close?.code ?? 'none'})`;
  errors[label] = (errors[label] ?? 0) + 1;
}
const histories = herd.filter(s => s.history !== null).map(s => s.history - herdStart);
const report = {
  herd: herdSize,
  followers: follow.length,
  gotHistory: histories.length,
  gotError: herd.filter(s => s.history === null && (s.error !== null || s.close !== null)).length,
  noAnswer: herd.filter(s => !ended(s)).length,
  errors,
  withLiveBar: herd.filter(s => s.bars > 0).length,
  lastHistorySeconds: histories.length ? Math.max(...histories) / 1000 : null,
  medianHistorySeconds: histories.length ? percentile(histories, 50) / 1000 : null,
  herdSeconds: (herdEnd - herdStart) / 1000,
  followersLost: followers.filter(f => f.close !== null).length,
  preBars: latencies.pre.length,
  preP50Ms: percentile(latencies.pre, 50),
  preP99Ms: percentile(latencies.pre, 99),
  herdBars: latencies.herd.length,
  herdExpectedBars: Math.floor((herdEnd - herdStart) / 1000 * speed / 60) * follow.length,
  herdP50Ms: percentile(latencies.herd, 50),
  herdP99Ms: percentile(latencies.herd, 99),
  herdMaxMs: latencies.herd.length ? Math.max(...latencies.herd) : null,
};
for (const s of [...followers, ...herd]) { try { s.ws.close(); } catch { } }
console.log(JSON.stringify(report));
process.exit(0);
