// The official JS SDK's stock stream, unchanged, against a gateway's /v2/iex: msgpack (the SDK's default),
// auth on open, bars for two symbols. A plain WebSocket client checks the JSON mode beside it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Alpaca } from '@alpacahq/alpaca-trade-api';
import WebSocket from 'ws';
import { Gateway, ensureGatewayBuilt } from '../Browser/lib/gateway.js';

let gateway;

before(async () => {
  ensureGatewayBuilt();
  gateway = await Gateway.start();
});

after(async () => {
  await gateway?.stop();
});

const streamUrl = () => `ws://127.0.0.1:${gateway.port}/v2/iex`;

test('the SDK stock stream authenticates, subscribes to AAPL and MSFT bars and receives them', async () => {
  const alpaca = new Alpaca({ keyId: 'PKLOCALDEV', secret: 'any-secret' });
  const stream = alpaca.marketData.stockStream({ feed: 'iex', url: streamUrl(), reconnect: false });
  const bars = [];
  const errors = [];
  stream.onError((message) => errors.push(message));
  stream.onBar((bar) => bars.push(bar));
  const subscribed = new Promise((done) => stream.on('subscription', done));
  stream.connect();
  try {
    assert.equal(await stream.waitForAuthentication(15_000), true, `not authenticated: ${errors.join('; ')}`);
    stream.subscribeForBars(['AAPL', 'MSFT']);
    const state = await subscribed;
    assert.deepEqual([...state.bars].sort(), ['AAPL', 'MSFT']);

    // Speed 60: one simulated minute a second, so four bars of each within 15 s.
    const deadline = Date.now() + 15_000;
    const count = (symbol) => bars.filter((b) => b.symbol === symbol).length;
    while (Date.now() < deadline && (count('AAPL') < 4 || count('MSFT') < 4)) await new Promise((done) => setTimeout(done, 100));
    assert.ok(count('AAPL') >= 4 && count('MSFT') >= 4, `AAPL ${count('AAPL')}, MSFT ${count('MSFT')} bars`);
    assert.deepEqual(errors, []);

    const aapl = bars.filter((b) => b.symbol === 'AAPL');
    for (const bar of aapl) {
      assert.ok(bar.timestamp instanceof Date && !Number.isNaN(bar.timestamp.getTime()), 'timestamp decoded from the msgpack extension');
      assert.ok(bar.low <= Math.min(bar.open, bar.close) && bar.high >= Math.max(bar.open, bar.close));
      assert.ok(bar.volume > 0);
    }
    const times = aapl.map((b) => b.timestamp.getTime());
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'bar times increase');

    // Each streamed bar is the bar the gateway's own API serves for that minute.
    const last = aapl.at(-1);
    const history = await (await fetch(`${gateway.baseUrl}/api/symbols/AAPL/historical?limit=30`)).json();
    const same = history.data.find((h) => new Date(h.timestamp).getTime() === last.timestamp.getTime());
    assert.ok(same, `minute ${last.timestamp.toISOString()} is in the history`);
    assert.deepEqual([same.open, same.high, same.low, same.close, same.volume], [last.open, last.high, last.low, last.close, last.volume]);
  } finally {
    stream.disconnect();
  }
});

test('a plain WebSocket client gets JSON text frames: welcome, auth, full-state confirmation, bars, and pongs', async () => {
  const socket = new WebSocket(streamUrl());
  const messages = [];
  socket.on('message', (data, isBinary) => {
    assert.equal(isBinary, false);
    messages.push(...JSON.parse(data.toString()));
  });
  const next = async (predicate, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const index = messages.findIndex(predicate);
      if (index >= 0) return messages.splice(index, 1)[0];
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
  };
  try {
    assert.deepEqual(await next((m) => m.T === 'success'), { T: 'success', msg: 'connected' });
    socket.send(JSON.stringify({ action: 'auth', key: 'PKLOCALDEV', secret: 'any-secret' }));
    assert.deepEqual(await next((m) => m.T === 'success'), { T: 'success', msg: 'authenticated' });
    socket.send(JSON.stringify({ action: 'subscribe', bars: ['TSLA'] }));
    const confirmation = await next((m) => m.T === 'subscription');
    for (const key of ['trades', 'quotes', 'bars', 'updatedBars', 'dailyBars', 'statuses', 'lulds', 'corrections', 'cancelErrors']) {
      assert.ok(Array.isArray(confirmation[key]), `confirmation has ${key}`);
    }
    assert.deepEqual(confirmation.bars, ['TSLA']);
    const bar = await next((m) => m.T === 'b');
    assert.equal(bar.S, 'TSLA');
    assert.match(bar.t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);

    // WebSocket pings are answered (the SDKs drop a connection whose pong does not come within 5 s).
    const pong = new Promise((done, fail) => {
      socket.once('pong', (data) => done(data.toString()));
      setTimeout(() => fail(new Error('no pong within 5 s')), 5_000);
    });
    socket.ping('are you there');
    assert.equal(await pong, 'are you there');
  } finally {
    socket.close();
  }
});
