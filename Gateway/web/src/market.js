// What the page offers to pick from. The symbols are the simulated feed's universe
// (Grains/Sources/Simulated/SymbolUniverse.cs); they are only suggestions, so any other
// symbol can still be typed and the server says whether it knows it.
export const SUGGESTED_SYMBOLS = [
  'AAPL', 'MSFT', 'GOOGL', 'AMZN', 'TSLA', 'SPY', 'QQQ', 'NVDA', 'META', 'NFLX',
  'AMD', 'INTC', 'JPM', 'BAC', 'V', 'WMT', 'KO', 'DIS', 'BRK.B', 'IWM',
];

// The timeframes the gateway serves (docs/api.md).
export const TIMEFRAMES = ['1Min', '5Min', '15Min', '1Hour', '1Day'];

export const DEFAULT_SYMBOL = 'AAPL';
export const DEFAULT_TIMEFRAME = '1Min';
