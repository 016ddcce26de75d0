// The API reference page at /docs: Scalar over /openapi/v1.json, everything served by the gateway itself (no
// CDN), rendered in headless chromium with no console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser } from './lib/browser.js';
import { openChart } from './lib/chart-page.js';
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

test('/docs renders the OpenAPI document from the gateway alone, without console errors', { timeout: 120_000 }, async () => {
  const document = await (await fetch(`${gateway.baseUrl}/openapi/v1.json`)).json();
  const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
  assert.ok(operations.length >= 10, `${operations.length} operations in the document`);
  // Scalar opens the first tag's group and lists the other tags: their names, and the first group's operations.
  const tags = [...new Set(operations.flatMap((operation) => operation.tags))];
  const firstGroup = operations.filter((operation) => operation.tags.includes(tags[0])).map((operation) => operation.summary);
  const summaries = [document.info.title, ...tags, ...firstGroup];

  // openChart observes any page: console errors, uncaught exceptions and requests off the gateway.
  const docs = await openChart(browser.context, `${gateway.baseUrl}/docs`);
  try {
    await docs.page.waitForFunction(
      (expected) => expected.every((summary) => document.body.innerText.includes(summary)),
      summaries, { timeout: 60_000, polling: 250 });
    assert.deepEqual(docs.problems, []);
    assert.deepEqual(docs.offsite, []);
  } finally {
    await docs.close();
  }
});
