// The chart page against a gateway that requires client keys: given one in its address it draws the chart;
// without one it shows the server's refusal and does not retry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser } from './lib/browser.js';
import { isConnected, openChart } from './lib/chart-page.js';
import { Gateway, ensureGatewayBuilt } from './lib/gateway.js';

const keyId = 'PAGEKEY1';
const secret = 'page-secret-a93f';
let gateway;
let browser;

before(async () => {
  ensureGatewayBuilt();
  gateway = await Gateway.start({
    environment: {
      ClientAuth__Enabled: 'true',
      ClientAuth__Keys__0__KeyId: keyId,
      ClientAuth__Keys__0__Secret: secret,
    },
  });
  browser = await launchBrowser();
}, { timeout: 12 * 60_000 });

after(async () => {
  await browser?.close();
  await gateway?.stop();
});

test('a page given ?apiKey= connects with it and draws the chart', { timeout: 90_000 }, async () => {
  const key = encodeURIComponent(`${keyId}:${secret}`);
  const chart = await openChart(browser.context, `${gateway.baseUrl}/?symbol=MSFT&apiKey=${key}`);
  try {
    await chart.waitFor(isConnected, 1);
    const { state, sockets } = await chart.observe();
    assert.equal(sockets.length, 1);
    assert.equal(new URL(sockets[0].url).searchParams.get('apiKey'), `${keyId}:${secret}`);
    assert.equal(sockets[0].messages[0].type, 'historical');
    assert.ok(state.candles >= 100, `chart shows ${state.candles} candles`);
    assert.deepEqual(chart.problems, []);
  } finally {
    await chart.close();
  }
});

test('a page without a key shows the refusal and is not retried', { timeout: 90_000 }, async () => {
  const chart = await openChart(browser.context, `${gateway.baseUrl}/?symbol=MSFT`);
  try {
    await chart.waitFor(() => window.chartState.connection === 'error');
    await chart.page.waitForTimeout(3000); // long enough for a retry to show up, had there been one
    const { sockets } = await chart.observe();
    assert.equal(sockets.length, 1, 'no reconnect after the server refused the key');
    assert.equal(sockets[0].closed.code, 4001);
    const banner = chart.page.locator('#error');
    assert.match(await banner.textContent(), /^unauthorized/);
    assert.equal(await chart.page.locator('#connection').getAttribute('data-state'), 'error');
  } finally {
    await chart.close();
  }
});
