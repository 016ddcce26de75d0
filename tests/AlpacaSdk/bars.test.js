// The official Alpaca JS SDK's REST bars against a gateway, through a fetch that redirects Alpaca's data host.
// History alone, so they hold at any market time: a gateway for each.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ANY_MARKET_TIME, Gateway, ensureGatewayBuilt, marketInstants } from './lib/gateway.js';
import { marketDataClient, seedHistory } from './lib/alpaca.js';

const ohlcv = (b) => [b.open, b.high, b.low, b.close, b.volume];

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

    test(`getStockBarsFor returns the 1-minute AAPL history the gateway serves, across pages ${ANY_MARKET_TIME}`, { timeout: 120_000 }, async () => {
      const seed = await seedHistory(gateway, 'AAPL', '1Min', 500);
      // The newest bar may still be forming.
      const settled = seed.slice(0, -1);
      const requested = [];
      const client = marketDataClient(gateway, { requested });

      const bars = await client.getStockBarsFor('AAPL', {
        timeframe: '1Min',
        start: new Date(settled[0].timestamp),
        end: new Date(settled.at(-1).timestamp),
        feed: 'iex',
        limit: 150,
      });

      assert.ok(bars.length >= 100, `the SDK returned ${bars.length} bars`);
      assert.equal(bars.length, settled.length);
      for (let i = 0; i < settled.length; i++) {
        assert.equal(bars[i].timestamp.getTime(), Date.parse(settled[i].timestamp), `time of bar ${i}`);
        assert.deepEqual(ohlcv(bars[i]), ohlcv(settled[i]), `bar ${i} at ${settled[i].timestamp}`);
        assert.equal(bars[i].symbol, 'AAPL');
      }
      // limit is per page: 499 bars take four pages, each a request to the gateway's /v2/stocks/bars.
      assert.equal(requested.length, Math.ceil(settled.length / 150));
      assert.ok(requested.every((url) => url.startsWith(`${gateway.baseUrl}/v2/stocks/bars?`)), requested.join('\n'));
    });

    test(`the latest-bar endpoints answer the SDK with the newest minute ${ANY_MARKET_TIME}`, { timeout: 60_000 }, async () => {
      const client = marketDataClient(gateway);
      // Read between two histories: in regular hours, at one simulated minute a second, minutes end in between.
      const [before] = await seedHistory(gateway, 'MSFT', '1Min', 1);
      const single = await client.stocks.stockLatestBarSingle({ symbol: 'MSFT' });
      const after = await seedHistory(gateway, 'MSFT', '1Min', 500);

      assert.equal(single.symbol, 'MSFT');
      assert.ok(single.bar.t instanceof Date);
      assert.ok(single.bar.t.getTime() >= Date.parse(before.timestamp), `${single.bar.t.toISOString()} is older than ${before.timestamp}`);
      const same = after.find((bar) => Date.parse(bar.timestamp) === single.bar.t.getTime());
      assert.ok(same, `${single.bar.t.toISOString()} is not a minute of the history`);
      assert.equal(single.bar.c, same.close);
      const multi = await client.stocks.stockLatestBars({ symbols: 'MSFT,AAPL' });
      assert.deepEqual(Object.keys(multi.bars).sort(), ['AAPL', 'MSFT']);
    });

    test(`the SDK reports a gateway refusal as an error with the gateway's message ${ANY_MARKET_TIME}`, { timeout: 60_000 }, async () => {
      const client = marketDataClient(gateway);
      await assert.rejects(
        client.getStockBarsFor('AAPL', { timeframe: '2Min', start: new Date(Date.now() - 86_400_000) }),
        (error) => {
          assert.match(String(error?.message ?? error), /422|not served/);
          return true;
        },
      );
    });
  });
}
