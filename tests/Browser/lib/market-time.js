// The market time the browser and SDK tests run at, decided here and nowhere else. Every gateway they start
// pins its simulated clock: to REGULAR_HOURS unless the test says otherwise. Tests written to hold at any
// instant run at marketInstant() and carry ANY_MARKET_TIME in their names; tests/run.sh runs them again at
// night, on a Saturday, on a holiday and after an early close by setting TEST_MARKET_TIME.

/** An ISO-8601 time with its offset, e.g. 2026-11-21T12:00:00-05:00. */
export const MARKET_TIME_VARIABLE = 'TEST_MARKET_TIME';

/** A Wednesday, 10:00 in New York: regular hours, with six of them to go and four more of after-hours. */
export const REGULAR_HOURS = '2026-11-18T10:00:00-05:00';

/** Part of the name of every test that holds at any market time: `node --test --test-name-pattern`. */
export const ANY_MARKET_TIME = '[any market time]';

/** The instant of the tests that hold at any: TEST_MARKET_TIME, or REGULAR_HOURS. */
export function marketInstant() {
  const text = process.env[MARKET_TIME_VARIABLE];
  if (!text) return REGULAR_HOURS;
  if (!/(Z|[+-]\d\d:\d\d)$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new Error(`${MARKET_TIME_VARIABLE} must be an ISO-8601 time with an offset, like 2026-11-21T12:00:00-05:00 (got '${text}')`);
  }
  return text;
}

/** The settings that start a gateway's simulated clock at `start` now, whenever the process starts. */
export function simulatorClock(start) {
  return {
    MarketData__Simulator__StartTime: start,
    MarketData__Simulator__WallClockAnchor: new Date().toISOString(),
  };
}
