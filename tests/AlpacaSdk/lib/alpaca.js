// Points the official Alpaca SDK at a gateway and reads the gateway's own API for comparison.
import { MarketDataClient } from '@alpacahq/alpaca-trade-api';

export const ALPACA_DATA_HOST = 'https://data.alpaca.markets';

/** A fetch that sends every request for Alpaca's market-data host to `baseUrl` instead, and records the URLs. */
export function redirectingFetch(baseUrl, requested = []) {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.startsWith(ALPACA_DATA_HOST)) throw new Error(`unexpected request to ${url}`);
    const target = baseUrl + url.slice(ALPACA_DATA_HOST.length);
    requested.push(target);
    return fetch(target, init);
  };
}

/** The SDK's market-data client with the default host, redirected to the gateway through `fetchApi`. */
export function marketDataClient(gateway, { keyId = 'test-key', secret = 'test-secret', requested } = {}) {
  return new MarketDataClient({
    keyId,
    secret,
    fetchApi: redirectingFetch(gateway.baseUrl, requested),
    // The gateway is local; the SDK's client-side throttle and retries would only slow a failing test down.
    rateLimit: false,
    retry: false,
  });
}

/** The gateway's seed-style history, oldest first. */
export async function seedHistory(gateway, symbol, timeframe, limit) {
  const response = await fetch(`${gateway.baseUrl}/api/symbols/${symbol}/historical?timeframe=${timeframe}&limit=${limit}`);
  if (!response.ok) throw new Error(`historical ${symbol}: ${response.status} ${await response.text()}`);
  return (await response.json()).data;
}
