// The official Alpaca JS SDK's trades, quotes, latest and snapshot calls against a standalone gateway on the simulator,
// through a fetch that redirects Alpaca's data host. History on a past trading day and the latest as of the clock, so
// they hold at any market time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ANY_MARKET_TIME, Gateway, ensureGatewayBuilt, marketInstants } from './lib/gateway.js';
import { marketDataClient } from './lib/alpaca.js';

/** The gateway's own answer, read without the SDK; a 503 (a history still loading) is retried for a minute. */
async function raw(gateway, path) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(gateway.baseUrl + path);
    if (response.ok) return response.json();
    if (response.status !== 503 || Date.now() > deadline) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Five minutes of the middle of the latest trading day that has ended, from the gateway's calendar and bars. */
async function pastMinutes(gateway, count = 5) {
  const now = new Date((await raw(gateway, '/v2/clock')).timestamp);
  const day = (date) => date.toISOString().slice(0, 10);
  const days = await raw(gateway, `/v2/calendar?start=${day(new Date(now - 14 * 86_400_000))}&end=${day(new Date(now - 86_400_000))}`);
  const { date } = days.at(-1);
  const { bars } = await raw(gateway, `/v2/stocks/AAPL/bars?timeframe=1Min&start=${date}&end=${date}&limit=10000`);
  const minutes = bars.slice(300, 300 + count);
  return { bars: minutes, start: new Date(minutes[0].t), end: new Date(Date.parse(minutes.at(-1).t) + 59_999) };
}

const sameTrade = (sdk, wire) => {
  assert.equal(sdk.t.getTime(), Date.parse(wire.t));
  assert.deepEqual([sdk.p, sdk.s, sdk.x, sdk.z, sdk.c], [wire.p, wire.s, wire.x, wire.z, wire.c]);
  assert.equal(Number(sdk.i), wire.i);
};

for (const marketTime of marketInstants()) {
  describe(`at ${marketTime}`, () => {
    let gateway;

    before(async () => {
      ensureGatewayBuilt();
      gateway = await Gateway.start({ marketTime });
    }, { timeout: 12 * 60_000 });

    after(async () => {
      await gateway?.stop();
    });

    test(`the SDK's single-symbol trades generator pages through the trades that make the minute bars ${ANY_MARKET_TIME}`, { timeout: 120_000 }, async () => {
      const { bars, start, end } = await pastMinutes(gateway);
      const requested = [];
      const client = marketDataClient(gateway, { requested });

      const trades = [];
      for await (const trade of client.iterateStockTradeSingle({ symbol: 'AAPL', start, end, limit: 10, feed: 'iex' })) trades.push(trade);

      const whole = (await raw(gateway, `/v2/stocks/AAPL/trades?start=${start.toISOString()}&end=${end.toISOString()}&limit=10000`)).trades;
      assert.ok(whole.length > 10, `${whole.length} trades`);
      assert.equal(trades.length, whole.length);
      trades.forEach((trade, i) => sameTrade(trade, whole[i]));
      assert.equal(requested.length, Math.ceil(whole.length / 10));
      assert.ok(requested.every((url) => url.startsWith(`${gateway.baseUrl}/v2/stocks/AAPL/trades?`)), requested.join('\n'));
      // Each minute's trades make its bar.
      for (const bar of bars) {
        const from = Date.parse(bar.t);
        const minute = trades.filter((t) => t.t.getTime() >= from && t.t.getTime() < from + 60_000);
        assert.deepEqual(
          [minute[0].p, Math.max(...minute.map((t) => t.p)), Math.min(...minute.map((t) => t.p)), minute.at(-1).p, minute.reduce((s, t) => s + t.s, 0), minute.length],
          [bar.o, bar.h, bar.l, bar.c, bar.v, bar.n],
          `the trades of ${bar.t}`);
      }
    });

    test(`the SDK's multi-symbol quotes generator yields every quote once, by symbol then time ${ANY_MARKET_TIME}`, { timeout: 120_000 }, async () => {
      const { start, end } = await pastMinutes(gateway, 2);
      const client = marketDataClient(gateway);

      const quotes = [];
      for await (const { symbol, value } of client.iterateStockQuotes({ symbols: ['MSFT', 'AAPL'], start, end, limit: 7 })) quotes.push({ symbol, value });

      const expected = [];
      for (const symbol of ['AAPL', 'MSFT']) {
        const page = await raw(gateway, `/v2/stocks/${symbol}/quotes?start=${start.toISOString()}&end=${end.toISOString()}&limit=10000`);
        for (const quote of page.quotes) expected.push({ symbol, quote });
      }
      assert.ok(expected.length > 14, `${expected.length} quotes`);
      assert.deepEqual(quotes.map((q) => q.symbol), expected.map((e) => e.symbol));
      quotes.forEach(({ value }, i) => {
        const wire = expected[i].quote;
        // The multi-symbol map's items keep their time as the wire's text.
        assert.equal(new Date(value.t).getTime(), Date.parse(wire.t));
        assert.deepEqual([value.bp, value.bs, value.ap, value.as], [wire.bp, wire.bs, wire.ap, wire.as]);
        assert.ok(value.bp < value.ap);
      });
    });

    test(`the SDK's latest trade, quote and price are the newest of the history ${ANY_MARKET_TIME}`, { timeout: 120_000 }, async () => {
      const client = marketDataClient(gateway);
      const { trade } = await client.stocks.stockLatestTradeSingle({ symbol: 'MSFT' });
      const { quote } = await client.stocks.stockLatestQuoteSingle({ symbol: 'MSFT' });
      const price = await client.getLatestPrice('SPY');
      const multi = await client.stocks.stockLatestTrades({ symbols: 'SPY,MSFT,ZZZZ' });

      // The SDK keeps milliseconds: the history up to the end of the latest one's millisecond ends with it.
      const upTo = async (kind, at) => (await raw(gateway,
        `/v2/stocks/MSFT/${kind}?start=${new Date(at - 7 * 86_400_000).toISOString()}&end=${at.toISOString().replace('Z', '999Z')}&sort=desc&limit=1`))[kind][0];
      sameTrade(trade, await upTo('trades', trade.t));
      const newestQuote = await upTo('quotes', quote.t);
      assert.deepEqual([quote.t.getTime(), quote.bp, quote.ap], [Date.parse(newestQuote.t), newestQuote.bp, newestQuote.ap]);
      assert.equal(typeof price, 'number');
      assert.deepEqual(Object.keys(multi.trades).sort(), ['MSFT', 'SPY']);
    });

    test(`the SDK's snapshots carry the latest trade and quote and the bars the gateway serves ${ANY_MARKET_TIME}`, { timeout: 180_000 }, async () => {
      const client = marketDataClient(gateway);
      // A first read loads the symbol's daily history; the gateway answers 503 until then.
      await raw(gateway, '/v2/stocks/snapshots?symbols=AAPL,MSFT');
      const single = await client.stocks.stockSnapshotSingle({ symbol: 'AAPL' });
      const multi = await client.stocks.stockSnapshots({ symbols: 'AAPL,MSFT,ZZZZ' });

      assert.equal(single.symbol, 'AAPL');
      for (const part of ['latestTrade', 'latestQuote', 'minuteBar', 'dailyBar', 'prevDailyBar']) assert.ok(single[part], `no ${part}`);
      assert.ok(single.latestTrade.t instanceof Date);
      assert.ok(single.latestQuote.bp < single.latestQuote.ap);
      assert.ok(single.prevDailyBar.t < single.dailyBar.t);
      const days = await client.getStockBarsFor('AAPL', { timeframe: '1Day', start: single.prevDailyBar.t, end: single.prevDailyBar.t });
      assert.equal(days.length, 1);
      assert.deepEqual([days[0].open, days[0].high, days[0].low, days[0].close, days[0].volume],
        [single.prevDailyBar.o, single.prevDailyBar.h, single.prevDailyBar.l, single.prevDailyBar.c, single.prevDailyBar.v]);
      assert.deepEqual(Object.keys(multi).sort(), ['AAPL', 'MSFT']);
      assert.ok(multi.MSFT.minuteBar.t instanceof Date);
    });
  });
}
