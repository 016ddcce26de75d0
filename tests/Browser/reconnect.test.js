// The page rides out a gateway that goes silent, a gateway restart on the same HTTP port, and a gateway whose
// data is unavailable for now (close 1013).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { launchBrowser } from './lib/browser.js';
import { isConnected, openChart } from './lib/chart-page.js';
import { Gateway, ensureGatewayBuilt } from './lib/gateway.js';

let gateway;
let browser;

before(async () => {
  ensureGatewayBuilt();
  gateway = await Gateway.start();
  browser = await launchBrowser();
}, { timeout: 12 * 60_000 });

after(async () => {
  await browser?.close();
  await gateway?.stop();
});

test('a connection that goes silent is dropped and replaced once the gateway answers again', { timeout: 180_000 }, async () => {
  const chart = await openChart(browser.context, `${gateway.baseUrl}/?symbol=SPY`);
  try {
    await chart.waitFor(isConnected, 1);
    // A frozen gateway keeps its TCP connections open but sends nothing, not even a close: only the
    // page's own pings can tell. The page gives up after 40 s of silence, checked every 15 s.
    gateway.pause();
    try {
      await chart.waitFor(() => window.chartState.connection === 'reconnecting', undefined, 75_000);
    } finally {
      gateway.resume();
    }
    await chart.waitFor(isConnected, 2, 75_000);

    const { state, sockets } = await chart.observe();
    assert.ok(sockets.length >= 2, 'a new socket was opened');
    assert.equal(state.first.timestamp, sockets.at(-1).messages[0].data[0].timestamp, 'the chart was redrawn from the new history');
    assert.equal(state.message, null);
  } finally {
    await chart.close();
  }
});

test('after the gateway restarts, the page reconnects by itself and reloads the history', { timeout: 150_000 }, async () => {
  const chart = await openChart(browser.context, `${gateway.baseUrl}/?symbol=NVDA`);
  try {
    await chart.waitFor(isConnected, 1);
    const { port } = gateway;

    await gateway.stop();
    await chart.waitFor(() => window.chartState.connection === 'reconnecting', undefined, 15_000);
    assert.equal(await chart.page.locator('#connection').getAttribute('data-state'), 'reconnecting');
    const { sockets: before } = await chart.observe();
    assert.equal(before[0].closed?.code, 1001, 'the stopping gateway said it was going away');

    // The same simulated clock, as a restarted process of a cluster would read.
    gateway = await Gateway.start({ port, environment: gateway.clock });
    await chart.waitFor(isConnected, 2, 60_000);
    await chart.waitFor(() => window.chartState.liveUpdates >= 1, undefined, 30_000);

    const { state, sockets } = await chart.observe();
    const current = sockets.at(-1);
    assert.ok(sockets.length >= 2, 'a new socket was opened');
    assert.match(current.url, /\/ws\/candles\/NVDA\?/);
    const history = current.messages[0];
    assert.equal(history.type, 'historical');
    assert.equal(state.historyLoads, 2, 'the history was loaded again');
    assert.equal(state.first.timestamp, history.data[0].timestamp, 'the chart was redrawn from the new history');
    assert.ok(state.candles >= 100, `chart shows ${state.candles} candles`);
    assert.equal(await chart.page.locator('#connection').getAttribute('data-state'), 'connected');
    assert.equal(state.message, null, 'no error or notice is left on screen');
  } finally {
    await chart.close();
  }
});

test('a gateway whose data is unavailable closes with 1013, and the page retries on its backoff schedule', { timeout: 120_000 }, async () => {
  // An Alpaca upstream that refuses every request: the gateway's history of any symbol cannot load.
  const upstream = createServer((request, response) => {
    response.writeHead(403, { 'Content-Type': 'application/json' }).end('{"code":40310000,"message":"forbidden"}');
  });
  upstream.on('upgrade', (request, socket) => socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
  await new Promise((done) => upstream.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${upstream.address().port}`;
  const refused = await Gateway.start({
    environment: {
      ALPACA_API_KEY: 'PKREFUSED', ALPACA_SECRET: 'refused-secret', ALPACA_DATA_URL: url, ALPACA_BASE_URL: url,
      ALPACA_STREAM_URL: `ws://127.0.0.1:${upstream.address().port}/v2/iex`,
    },
  });
  const chart = await openChart(browser.context, `${refused.baseUrl}/?symbol=AAPL`);
  try {
    // Five refusals: the first attempt and four retries.
    await chart.waitFor(() => window.__sockets.filter((socket) => socket.closed).length >= 5, undefined, 90_000);
    const { state, sockets } = await chart.observe();

    for (const socket of sockets.slice(0, 5)) {
      assert.equal(socket.closed.code, 1013, `${socket.url} closed with ${socket.closed.code}`);
      assert.equal(socket.messages.at(-1)?.type, 'error');
    }
    // The README's schedule, 0.5 s doubling up to 8 s, less or more the page's 20 % jitter: never sooner, and
    // later only by the page's own slowness.
    [500, 1000, 2000, 4000].forEach((delay, attempt) => {
      const waited = sockets[attempt + 1].openedAt - sockets[attempt].closed.at;
      assert.ok(waited >= 0.8 * delay && waited <= 1.2 * delay + 1000, `retry ${attempt + 1} after ${Math.round(waited)} ms, not ${delay} ms ± 20 %`);
    });
    assert.equal(state.connection, 'reconnecting');
    assert.equal(state.message, sockets[4].messages.at(-1).message, 'the server\'s reason is shown while retrying');
    assert.deepEqual(chart.problems.filter((problem) => !problem.includes('1013')), []);
  } finally {
    await chart.close();
    await refused.stop();
    await new Promise((done) => upstream.close(done));
  }
});
