// The official JS SDK's stock stream, unchanged, receiving trades, quotes and bars of two symbols on one /v2/iex
// stream from a gateway on the simulator (market time pinned to regular hours, one simulated minute a second).
// Each minute's trades must aggregate to the bar the same stream delivers for that minute.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Alpaca } from '@alpacahq/alpaca-trade-api';
import { Gateway, ensureGatewayBuilt } from '../Browser/lib/gateway.js';
import { marketDataClient } from './lib/alpaca.js';

let gateway;

before(async () => {
  ensureGatewayBuilt();
  gateway = await Gateway.start();
});

after(async () => {
  await gateway?.stop();
});

const SYMBOLS = ['AAPL', 'MSFT'];
const minuteOf = (date) => Math.floor(date.getTime() / 60_000) * 60_000;

test('the SDK stock stream receives trades, quotes and bars of AAPL and MSFT, each minute\'s trades make its bar, and the SDK\'s latest trade, quote and snapshot agree with the stream', async () => {
  const alpaca = new Alpaca({ keyId: 'PKLOCALDEV', secret: 'any-secret' });
  const stream = alpaca.marketData.stockStream({ feed: 'iex', url: `ws://127.0.0.1:${gateway.port}/v2/iex`, reconnect: false });
  const trades = [];
  const quotes = [];
  const bars = [];
  const errors = [];
  let state = null;
  stream.onError((message) => errors.push(message));
  const arrivals = [];
  stream.onTrade((trade) => { trades.push(trade); arrivals.push(trade); });
  stream.onQuote((quote) => { quotes.push(quote); arrivals.push(quote); });
  stream.onBar((bar) => bars.push(bar));
  stream.on('subscription', (subscriptions) => { state = subscriptions; });
  stream.connect();
  try {
    assert.equal(await stream.waitForAuthentication(15_000), true, `not authenticated: ${errors.join('; ')}`);
    stream.subscribeForTrades(SYMBOLS);
    stream.subscribeForQuotes(SYMBOLS);
    stream.subscribeForBars(SYMBOLS);
    // Trading halts: confirmed like the other channels; the simulator has none to send.
    const statuses = [];
    stream.onStatus((status) => statuses.push(status));
    stream.subscribeForStatuses(SYMBOLS);

    // Bars of minutes that started after each symbol's first trade arrived: every trade of those came on the stream.
    const firstMinute = {};
    const complete = () => bars.filter((b) => firstMinute[b.symbol] !== undefined && b.timestamp.getTime() > firstMinute[b.symbol]);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && SYMBOLS.some((s) => complete().filter((b) => b.symbol === s).length < 2)) {
      for (const trade of trades) firstMinute[trade.symbol] ??= minuteOf(trade.timestamp);
      await new Promise((done) => setTimeout(done, 100));
    }
    assert.deepEqual(errors, []);
    for (const channel of ['trades', 'quotes', 'bars', 'statuses']) assert.deepEqual([...state[channel]].sort(), SYMBOLS, `${channel} confirmed`);
    assert.deepEqual(statuses, [], 'the simulator has no halts');

    for (const symbol of SYMBOLS) {
      const checked = complete().filter((b) => b.symbol === symbol);
      assert.ok(checked.length >= 2, `${symbol}: ${checked.length} whole minutes`);
      for (const bar of checked) {
        const minute = trades.filter((t) => t.symbol === symbol && minuteOf(t.timestamp) === bar.timestamp.getTime());
        assert.ok(minute.length > 0, `${symbol} ${bar.timestamp.toISOString()}: trades`);
        const prices = minute.map((t) => t.price);
        assert.deepEqual(
          [prices[0], Math.max(...prices), Math.min(...prices), prices.at(-1), minute.reduce((sum, t) => sum + t.size, 0)],
          [bar.open, bar.high, bar.low, bar.close, bar.volume],
          `${symbol} ${bar.timestamp.toISOString()}: open, high, low, close, volume from its trades`);
      }
    }

    for (const trade of trades) {
      assert.ok(trade.timestamp instanceof Date && !Number.isNaN(trade.timestamp.getTime()), 'trade timestamp decoded');
      assert.equal(trade.exchange, 'V');
      assert.ok(trade.conditions.includes('@'));
      assert.ok(Number.isInteger(trade.id));
    }
    // The quote in force at each trade (the symbol's last one received before it, the stream keeping their order)
    // brackets the trade's price.
    for (const symbol of SYMBOLS) {
      const own = quotes.filter((q) => q.symbol === symbol);
      assert.ok(own.length > 0, `${symbol}: quotes`);
      for (const quote of own) assert.ok(quote.bidPrice < quote.askPrice && quote.bidSize > 0 && quote.askSize > 0);
      let inForce = null;
      let bracketed = 0;
      for (const message of arrivals.filter((m) => m.symbol === symbol)) {
        if ('bidPrice' in message) inForce = message;
        else if (inForce) {
          assert.ok(inForce.bidPrice <= message.price && message.price <= inForce.askPrice,
            `${symbol} trade at ${message.price} inside ${inForce.bidPrice}..${inForce.askPrice}`);
          assert.ok(inForce.timestamp.getTime() <= message.timestamp.getTime(), 'a quote comes before the trade it brackets');
          bracketed++;
        }
      }
      assert.ok(bracketed > 0, `${symbol}: trades after a quote`);
    }

    // The SDK's latest trade, latest quote and snapshot agree with the stream: each is one of the stream's own
    // messages (the stream releases a trade as the clock passes it, so the one the REST call found may come a moment
    // later), and none is older than the newest the stream had delivered before the call.
    const client = marketDataClient(gateway);
    const same = (a, b) => a.timestamp.getTime() === b.t.getTime() && a.price === b.p && a.size === b.s;
    const sameQuote = (a, b) => a.timestamp.getTime() === b.t.getTime() && a.bidPrice === b.bp && a.askPrice === b.ap;
    for (const symbol of SYMBOLS) {
      const newestTrade = trades.filter((t) => t.symbol === symbol).at(-1);
      const newestQuote = quotes.filter((q) => q.symbol === symbol).at(-1);
      const newestBar = bars.filter((b) => b.symbol === symbol).at(-1);
      const { trade } = await client.stocks.stockLatestTradeSingle({ symbol, feed: 'iex' });
      const { quote } = await client.stocks.stockLatestQuoteSingle({ symbol, feed: 'iex' });
      const snapshot = await client.stocks.stockSnapshotSingle({ symbol, feed: 'iex' });
      await new Promise((done) => setTimeout(done, 1000));
      const streamedTrades = trades.filter((t) => t.symbol === symbol);
      const streamedQuotes = quotes.filter((q) => q.symbol === symbol);
      for (const [what, found] of [['latest trade', trade], ['snapshot trade', snapshot.latestTrade]]) {
        const index = streamedTrades.findIndex((t) => same(t, found));
        assert.ok(index >= 0, `${symbol}: the ${what} ${found.p} at ${found.t.toISOString()} came on the stream`);
        assert.ok(index >= streamedTrades.indexOf(newestTrade), `${symbol}: the ${what} is not older than the stream's newest before the call`);
      }
      for (const [what, found] of [['latest quote', quote], ['snapshot quote', snapshot.latestQuote]]) {
        const index = streamedQuotes.findIndex((q) => sameQuote(q, found));
        assert.ok(index >= 0, `${symbol}: the ${what} at ${found.t.toISOString()} came on the stream`);
        assert.ok(index >= streamedQuotes.indexOf(newestQuote), `${symbol}: the ${what} is not older than the stream's newest before the call`);
      }
      // The snapshot's minute bar is a bar the stream sent: the newest before the call, or one that ended meanwhile.
      const minute = bars.find((b) => b.symbol === symbol && b.timestamp.getTime() === snapshot.minuteBar.t.getTime());
      assert.ok(minute, `${symbol}: the snapshot's minute bar ${snapshot.minuteBar.t.toISOString()} came on the stream`);
      assert.deepEqual([minute.open, minute.high, minute.low, minute.close, minute.volume],
        [snapshot.minuteBar.o, snapshot.minuteBar.h, snapshot.minuteBar.l, snapshot.minuteBar.c, snapshot.minuteBar.v]);
      assert.ok(snapshot.minuteBar.t.getTime() >= newestBar.timestamp.getTime(), `${symbol}: the snapshot's minute bar ${snapshot.minuteBar.t.toISOString()} is not older than the stream's newest ${newestBar.timestamp.toISOString()}`);
    }
  } finally {
    stream.disconnect();
  }
});
