// The gateway process helpers are the browser tests' own (a standalone gateway from the build, on free ports).
export { Gateway, ensureGatewayBuilt, freePort } from '../../Browser/lib/gateway.js';
export { ANY_MARKET_TIME, marketInstants } from '../../Browser/lib/market-time.js';
