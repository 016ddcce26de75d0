// One socket reading AAPL's live 1-minute bars through a flood (run by bench/flood.sh; Node 20 with
// --experimental-websocket, no packages), in a process of its own so that the flood's client work does not delay
// its reads. Each new bar's latency is taken from the simulator's emit instant to receipt. On SIGTERM, or after
// --seconds, prints {"samples":[[receivedMs, latencyMs], ...], "closed": ...} on stdout.
//
//   node --experimental-websocket follow.mjs --url ws://127.0.0.1:18400 --symbol AAPL \
//        --start 2025-06-10T09:30:00-04:00 --anchor <ISO> --speed 30 --seconds 900
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const url = args.url ?? 'ws://127.0.0.1:18400';
const symbol = args.symbol ?? 'AAPL';
const start = Date.parse(args.start);
const anchor = Date.parse(args.anchor);
const speed = Number(args.speed ?? 30);
const seconds = Number(args.seconds ?? 900);

/** Wall-clock ms at which the simulator emitted the 1-minute bar starting at market time barStart (ms). */
const emitTime = barStart => anchor + (barStart + 60_000 - start) / speed;
const samples = [];
let closed = null;
let lastBar = null;

const ws = new WebSocket(`${url}/ws/candles/${symbol}?timeframe=1Min&limit=1`);
ws.onmessage = event => {
  const received = Date.now();
  let message;
  try { message = JSON.parse(event.data); } catch { return; }
  if (message.type !== 'bar' || !message.timestamp) return;
  const bar = Date.parse(message.timestamp);
  // The first message of each minute is its emission; later ones are updates of a bar already sent.
  if (bar === lastBar) return;
  lastBar = bar;
  samples.push([received, received - emitTime(bar)]);
};
ws.onclose = event => { closed ??= { code: event.code, reason: event.reason, at: Date.now() }; };

const finish = () => {
  console.log(JSON.stringify({ symbol, samples, closed }));
  process.exit(0);
};
process.on('SIGTERM', finish);
setTimeout(finish, seconds * 1000);
