// A flood of distinct unknown symbols against one gateway (run by bench/flood.sh; Node 20 with
// --experimental-websocket, no packages): REST /api/symbols/{s}/latest, /ws/candles/{s} and
// /v2/stocks/bars?symbols= (BATCH per request), the three at once, each with a few requests in flight. Symbols are
// ZZF000000.. (never in the simulator's universe), distinct across the three. Records every answer's status (REST),
// close code (sockets) and how many symbols the /v2 answers held bars for; stops sending after --wait seconds.
// Prints one JSON report on stdout.
//
//   node --experimental-websocket flood.mjs --url http://127.0.0.1:18400 --rest 33400 --ws 33200 --v2 33400 \
//        [--batch 200] [--wait 600] [--rest-parallel 32] [--ws-parallel 16] [--v2-parallel 4]
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const base = (args.url ?? 'http://127.0.0.1:18400').replace(/\/$/, '');
const wsBase = base.replace(/^http/, 'ws');
const counts = { rest: Number(args.rest ?? 33_400), ws: Number(args.ws ?? 33_200), v2: Number(args.v2 ?? 33_400) };
const batch = Number(args.batch ?? 200);
const waitMs = Number(args.wait ?? 600) * 1000;
const parallel = { rest: Number(args['rest-parallel'] ?? 32), ws: Number(args['ws-parallel'] ?? 16), v2: Number(args['v2-parallel'] ?? 4) };

const symbol = i => `ZZF${String(i).padStart(6, '0')}`;
const started = Date.now();
const inTime = () => Date.now() - started < waitMs;
const tally = (map, key) => { map[key] = (map[key] ?? 0) + 1; };

/** Runs work(i) for i in [0, n) with `lanes` in flight at once, until done or out of time; how many were run. */
async function lanes(n, width, work) {
  let next = 0;
  const lane = async () => {
    while (next < n && inTime()) await work(next++);
  };
  await Promise.all(Array.from({ length: width }, lane));
  return Math.min(next, n);
}

const rest = { statuses: {}, sent: 0, ms: 0 };
const ws = { closes: {}, sent: 0, ms: 0, messages: {} };
const v2 = { statuses: {}, sent: 0, symbols: 0, withBars: 0, ms: 0 };

const restRun = (async () => {
  const t = Date.now();
  rest.sent = await lanes(counts.rest, parallel.rest, async i => {
    try {
      const response = await fetch(`${base}/api/symbols/${symbol(i)}/latest`);
      await response.arrayBuffer();
      tally(rest.statuses, response.status);
    } catch {
      tally(rest.statuses, 'failed');
    }
  });
  rest.ms = Date.now() - t;
})();

const wsRun = (async () => {
  const t = Date.now();
  const offset = counts.rest;
  ws.sent = await lanes(counts.ws, parallel.ws, i => new Promise(resolve => {
    let socket;
    let message = null;
    const timer = setTimeout(() => { tally(ws.closes, 'no close in 30 s'); try { socket.close(); } catch { } resolve(); }, 30_000);
    try {
      socket = new WebSocket(`${wsBase}/ws/candles/${symbol(offset + i)}?timeframe=1Min&limit=1`);
    } catch {
      clearTimeout(timer);
      tally(ws.closes, 'failed');
      resolve();
      return;
    }
    socket.onmessage = event => {
      try { message = JSON.parse(event.data); } catch { }
    };
    socket.onclose = event => {
      clearTimeout(timer);
      tally(ws.closes, event.code);
      if (message?.type === 'error') tally(ws.messages, String(message.message).replace(/ZZF\d{6}/g, 'ZZFxxxxxx'));
      else if (message) tally(ws.messages, `type ${message.type}`);
      resolve();
    };
    socket.onerror = () => { };
  }));
  ws.ms = Date.now() - t;
})();

const v2Run = (async () => {
  const t = Date.now();
  const offset = counts.rest + counts.ws;
  const requests = Math.ceil(counts.v2 / batch);
  v2.sent = await lanes(requests, parallel.v2, async r => {
    const symbols = [];
    for (let i = r * batch; i < Math.min(counts.v2, (r + 1) * batch); i++) symbols.push(symbol(offset + i));
    try {
      const response = await fetch(`${base}/v2/stocks/bars?timeframe=1Min&limit=1000&symbols=${symbols.join(',')}`);
      const body = await response.text();
      tally(v2.statuses, response.status);
      v2.symbols += symbols.length;
      if (response.ok) v2.withBars += Object.keys(JSON.parse(body).bars ?? {}).length;
    } catch {
      tally(v2.statuses, 'failed');
    }
  });
  v2.ms = Date.now() - t;
})();

await Promise.all([restRun, wsRun, v2Run]);
console.log(JSON.stringify({
  started, ended: Date.now(), batch, planned: counts, timedOut: !inTime(),
  rest, ws, v2,
}));
process.exit(0);
