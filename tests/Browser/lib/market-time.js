// The market time the browser and SDK tests run at, decided here and nowhere else. Every gateway they start
// pins its simulated clock: to REGULAR_HOURS unless the test says otherwise. Tests written to hold at any
// instant run at each of marketInstants() and carry ANY_MARKET_TIME in their names; tests/run.sh runs them at
// night, on a Saturday, on a holiday and after an early close by setting TEST_MARKET_TIME.

/** One or more ISO-8601 times with their offsets, comma-separated: 2026-11-21T12:00:00-05:00,... */
export const MARKET_TIME_VARIABLE = 'TEST_MARKET_TIME';

/** A Wednesday, 10:00 in New York: regular hours, with six of them to go and four more of after-hours. */
export const REGULAR_HOURS = '2026-11-18T10:00:00-05:00';

/** Part of the name of every test that holds at any market time: `node --test --test-name-pattern`. */
export const ANY_MARKET_TIME = '[any market time]';

/** The instants of the tests that hold at any: those of TEST_MARKET_TIME, or REGULAR_HOURS. */
export function marketInstants() {
  const text = process.env[MARKET_TIME_VARIABLE];
  if (!text) return [REGULAR_HOURS];
  return text.split(',').map((item) => item.trim()).filter(Boolean).map((instant) => {
    if (!/(Z|[+-]\d\d:\d\d)$/.test(instant) || Number.isNaN(Date.parse(instant))) {
      throw new Error(`${MARKET_TIME_VARIABLE} must be ISO-8601 times with offsets, like 2026-11-21T12:00:00-05:00 (got '${instant}')`);
    }
    return instant;
  });
}

/** The settings that start a gateway's simulated clock at `start` now, whenever the process starts. */
export function simulatorClock(start) {
  return {
    MarketData__Simulator__StartTime: start,
    MarketData__Simulator__WallClockAnchor: new Date().toISOString(),
  };
}
