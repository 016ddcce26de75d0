// The chart page against a standalone gateway with the simulator sped up (one market minute a second).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launchBrowser } from './lib/browser.js';
import { isConnected, openChart } from './lib/chart-page.js';
import { Gateway, ensureGatewayBuilt } from './lib/gateway.js';

const artifacts = new URL('./artifacts/', import.meta.url);
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

test('GET / draws the AAPL history from the socket, with indicator panes and no console errors', { timeout: 90_000 }, async () => {
  const chart = await openChart(browser.context, `${gateway.baseUrl}/`);
  try {
    await chart.waitFor(isConnected, 1);
    // Wait for live bars too, so the screenshot shows a running chart.
    await chart.waitFor(() => window.chartState.liveUpdates >= 2);
    const { state, sockets } = await chart.observe();

    assert.equal(sockets.length, 1);
    assert.match(sockets[0].url, /^ws:\/\/127\.0\.0\.1:\d+\/ws\/candles\/AAPL\?/);
    const history = sockets[0].messages[0];
    assert.equal(history.type, 'historical');
    assert.equal(history.symbol, 'AAPL');
    assert.ok(history.data.length >= 100, `history has ${history.data.length} bars`);
    assert.ok(state.candles >= 100, `chart shows ${state.candles} candles`);
    assert.equal(state.first.timestamp, history.data[0].timestamp, 'the chart starts where the history starts');

    assert.equal(state.panes, 3, 'price, RSI and ATR panes');
    assert.deepEqual(state.movingAverages, ['MA40', 'MA80', 'MA160']);
    assert.equal(await chart.page.locator('#symbol').inputValue(), 'AAPL');
    assert.match(await chart.page.locator('#title').textContent(), /AAPL/);
    assert.equal(await chart.page.locator('#connection').getAttribute('data-state'), 'connected');
    const shownStatus = await chart.page.locator('#market-status').textContent();
    assert.equal(shownStatus, state.last.market_status, 'the market status of the last bar is shown');
    assert.ok(['pre-market', 'regular', 'after-hours', 'closed'].includes(shownStatus), shownStatus);

    // Canvases with more than a couple of colours have been drawn on; a blank pane is one flat colour.
    const drawnCanvases = await chart.page.evaluate(() => [...document.querySelectorAll('#chart canvas')].filter((canvas) => {
      if (canvas.width === 0 || canvas.height === 0) return false;
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set();
      for (let i = 0; i < pixels.length && colours.size < 3; i += 4 * 7) colours.add(pixels.slice(i, i + 4).join());
      return colours.size >= 3;
    }).length);
    assert.ok(drawnCanvases >= 3, `${drawnCanvases} canvases have content`);

    mkdirSync(artifacts, { recursive: true });
    await chart.page.screenshot({ path: new URL('chart.png', artifacts).pathname });

    assert.deepEqual(chart.problems, []);
    assert.deepEqual(chart.offsite, [], 'the page loads nothing from outside the gateway');
  } finally {
    await chart.close();
  }
});

test('live bars replace the last candle when the timestamp repeats and append one when it is new', { timeout: 90_000 }, async () => {
  // 5-minute bars: each simulated minute resends the forming bar, so timestamps repeat within seconds.
  const chart = await openChart(browser.context, `${gateway.baseUrl}/?symbol=AAPL&timeframe=5Min`);
  try {
    await chart.waitFor(isConnected, 1);
    await chart.waitFor(() => {
      const [history, ...bars] = window.__sockets[0].messages.filter((m) => m.type === 'historical' || m.type === 'bar');
      const stamps = bars.map((bar) => bar.timestamp);
      const repeated = stamps.some((stamp, i) => stamp === (i === 0 ? history.data.at(-1).timestamp : stamps[i - 1]));
      const appended = stamps.some((stamp) => !history.data.some((bar) => bar.timestamp === stamp));
      return repeated && appended;
    }, undefined, 60_000);

    const { state, sockets } = await chart.observe();
    const [history, ...bars] = sockets[0].messages.filter((m) => m.type === 'historical' || m.type === 'bar');
    const historyStamps = new Set(history.data.map((bar) => bar.timestamp));
    const newStamps = new Set(bars.map((bar) => bar.timestamp).filter((stamp) => !historyStamps.has(stamp)));

    assert.equal(state.candles, history.data.length + newStamps.size, 'one candle per distinct timestamp');
    assert.equal(state.liveUpdates, bars.length);
    const newest = bars.at(-1);
    for (const field of ['timestamp', 'open', 'high', 'low', 'close', 'volume', 'market_status', 'RSI', 'ATR', 'MA40']) {
      assert.equal(state.last[field], newest[field], `last candle's ${field} is the newest bar's`);
    }
    assert.deepEqual(
      [state.lastDrawn.open, state.lastDrawn.high, state.lastDrawn.low, state.lastDrawn.close],
      [newest.open, newest.high, newest.low, newest.close],
      'the chart draws the newest bar as its last candle',
    );
    assert.deepEqual(chart.problems, []);
  } finally {
    await chart.close();
  }
});

test('the header shows the last trade and the bid/ask spread from the trades and quotes stream, and follows the symbol', { timeout: 90_000 }, async () => {
  const chart = await openChart(browser.context, `${gateway.baseUrl}/?symbol=AAPL`);
  const tradesOf = (sockets, symbol) => sockets.flatMap((socket) => socket.messages.flat()).filter((m) => m.T === 't' && m.S === symbol);
  const quotesOf = (sockets, symbol) => sockets.flatMap((socket) => socket.messages.flat()).filter((m) => m.T === 'q' && m.S === symbol);
  // What the header shows is the stream's newest trade and quote of the symbol, read at one instant with the messages.
  const assertShowsNewest = async (symbol) => {
    const { state, tapeSockets, shown } = await chart.page.evaluate(() => ({
      state: window.chartState,
      tapeSockets: window.__tapeSockets,
      shown: { trade: document.getElementById('last-trade').textContent, spread: document.getElementById('spread').textContent },
    }));
    const trade = tradesOf(tapeSockets, symbol).at(-1);
    const quote = quotesOf(tapeSockets, symbol).at(-1);
    assert.deepEqual(state.tape.trade, { price: trade.p, size: trade.s, time: trade.t });
    assert.deepEqual(state.tape.quote, { bid: quote.bp, ask: quote.ap, time: quote.t });
    assert.equal(shown.trade, `last ${trade.p.toFixed(2)} × ${trade.s.toLocaleString('en-US')}`);
    assert.equal(shown.spread, `bid ${quote.bp.toFixed(2)} · ask ${quote.ap.toFixed(2)} · spread ${(quote.ap - quote.bp).toFixed(2)}`);
    return tapeSockets;
  };
  try {
    await chart.waitFor(isConnected, 1);
    // Live: several trades arrive after the first one is shown (a simulated minute is a second here).
    await chart.waitFor(() => window.__tapeSockets.flatMap((s) => s.messages.flat()).filter((m) => m.T === 't').length >= 5
      && window.chartState.tape.quote !== null, undefined, 60_000);
    const first = await assertShowsNewest('AAPL');
    assert.equal(first.length, 1);
    assert.match(first[0].url, /^ws:\/\/127\.0\.0\.1:\d+\/v2\/iex$/);

    await chart.page.locator('#symbol').fill('MSFT');
    await chart.page.locator('#symbol').press('Enter');
    await chart.waitFor(() => window.__tapeSockets.length === 2
      && window.__tapeSockets[1].messages.flat().filter((m) => m.T === 't' && m.S === 'MSFT').length >= 2, undefined, 60_000);
    const both = await assertShowsNewest('MSFT');
    assert.equal(both[0].closed?.code, 1000, 'the AAPL stream was closed when the symbol changed');
    assert.deepEqual(tradesOf([both[1]], 'AAPL'), [], 'the new stream carries only MSFT');
    assert.deepEqual(chart.problems, []);
  } finally {
    await chart.close();
  }
});

test('switching the timeframe reloads the chart from a new subscription', { timeout: 90_000 }, async () => {
  const chart = await openChart(browser.context, `${gateway.baseUrl}/?symbol=MSFT`);
  try {
    await chart.waitFor(isConnected, 1);
    await chart.page.getByRole('button', { name: '15Min', exact: true }).click();
    await chart.waitFor(() => window.chartState.timeframe === '15Min' && window.chartState.connection === 'connected'
      && window.chartState.historyLoads >= 2);
    await chart.waitFor(() => window.__sockets[0].closed !== null);
    const { state, sockets } = await chart.observe();

    assert.equal(sockets.length, 2);
    assert.equal(sockets[0].closed.code, 1000, 'the 1Min subscription is closed normally');
    assert.match(sockets[1].url, /\/ws\/candles\/MSFT\?.*timeframe=15Min/);
    const history = sockets[1].messages[0];
    assert.equal(history.type, 'historical');
    assert.equal(history.timeframe, '15Min');
    assert.equal(state.timeframe, '15Min');
    assert.equal(state.historyLoads, 2);
    assert.equal(state.first.timestamp, history.data[0].timestamp, 'the chart now starts where the 15Min history starts');
    assert.ok(state.candles >= 100, `chart shows ${state.candles} candles`);
    for (const bar of [state.first, state.last]) {
      assert.equal(Number(bar.timestamp.slice(14, 16)) % 15, 0, `${bar.timestamp} starts a 15-minute interval`);
    }
    assert.equal(await chart.page.getByRole('button', { name: '15Min', exact: true }).getAttribute('aria-pressed'), 'true');
    assert.match(new URL(chart.page.url()).search, /timeframe=15Min/);
    assert.deepEqual(chart.problems, []);
  } finally {
    await chart.close();
  }
});

test('an unknown symbol shows the server\'s error and is not retried', { timeout: 90_000 }, async () => {
  const chart = await openChart(browser.context, `${gateway.baseUrl}/`);
  try {
    await chart.waitFor(isConnected, 1);
    await chart.page.locator('#symbol').fill('zzzz');
    await chart.page.locator('#symbol').press('Enter');
    await chart.waitFor(() => window.chartState.connection === 'error');
    await chart.page.waitForTimeout(3000); // long enough for a retry to show up, had there been one

    const { state, sockets } = await chart.observe();
    assert.equal(sockets.length, 2, 'no reconnect after the server refused the symbol');
    assert.match(sockets[1].url, /\/ws\/candles\/ZZZZ\?/);
    assert.equal(sockets[1].closed.code, 4404);
    const serverError = sockets[1].messages.find((m) => m.type === 'error');
    assert.ok(serverError, 'the server sent an error message');
    const banner = chart.page.locator('#error');
    assert.ok(await banner.isVisible());
    assert.equal(await banner.textContent(), serverError.message);
    assert.match(serverError.message, /ZZZZ/);
    assert.equal(await chart.page.locator('#connection').getAttribute('data-state'), 'error');
    assert.equal(state.symbol, 'ZZZZ');
    assert.equal(state.candles, 0, 'no candles of the previous symbol stay on screen');
    assert.deepEqual(chart.problems, []);
  } finally {
    await chart.close();
  }
});

test('an invalid timeframe in the address shows the server\'s error and is not retried', { timeout: 90_000 }, async () => {
  const chart = await openChart(browser.context, `${gateway.baseUrl}/?symbol=AAPL&timeframe=2Sec`);
  try {
    await chart.waitFor(() => window.chartState?.connection === 'error');
    await chart.page.waitForTimeout(3000);

    const { sockets } = await chart.observe();
    assert.equal(sockets.length, 1, 'no reconnect after the server refused the timeframe');
    assert.equal(sockets[0].closed.code, 1008);
    const serverError = sockets[0].messages.find((m) => m.type === 'error');
    assert.ok(serverError, 'the server sent an error message');
    assert.equal(await chart.page.locator('#error').textContent(), serverError.message);
    assert.match(serverError.message, /2Sec/);
    assert.deepEqual(chart.problems, []);
  } finally {
    await chart.close();
  }
});
