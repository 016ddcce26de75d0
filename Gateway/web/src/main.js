import { ChartView } from './chart-view.js';
import { Controls, normaliseSymbol, normaliseTimeframe } from './controls.js';
import { CandleFeed } from './feed.js';
import { DEFAULT_SYMBOL, DEFAULT_TIMEFRAME } from './market.js';
import { StatusView } from './status-view.js';
import { TapeFeed } from './tape-feed.js';

// The page's entry point: reads ?symbol=&timeframe= (and ?apiKey= for a gateway that requires client
// keys) from the address, wires the controls, the live feed and the chart together, and keeps the
// address in step so a reload shows the same chart.

const byId = (id) => document.getElementById(id);
const query = new URLSearchParams(window.location.search);

const page = {
  request: {
    symbol: normaliseSymbol(query.get('symbol')) || DEFAULT_SYMBOL,
    timeframe: normaliseTimeframe(query.get('timeframe'), DEFAULT_TIMEFRAME),
  },
  connection: 'connecting',
  message: null,
  historyLoads: 0,
  liveUpdates: 0,
  tape: { trade: null, quote: null },
};

const chart = new ChartView(byId('chart'));
const status = new StatusView({
  connectionBox: byId('connection'),
  connectionDot: byId('connection-dot'),
  connectionLabel: byId('connection-label'),
  marketStatus: byId('market-status'),
  title: byId('title'),
  price: byId('price'),
  lastTrade: byId('last-trade'),
  spread: byId('spread'),
  error: byId('error'),
  legend: byId('legend'),
});
const render = () => status.render(page, chart.snapshot());

const feed = new CandleFeed({
  onHistory(message) {
    // Every (re)connect starts with the full history, so drawing it also repairs anything missed.
    chart.setHistory(message.data, message.timeframe);
    page.historyLoads += 1;
    render();
  },
  onBar(bar) {
    if (chart.applyBar(bar)) page.liveUpdates += 1;
    render();
  },
  onStatus({ state, message }) {
    page.connection = state;
    page.message = message;
    render();
  },
}, { apiKey: query.get('apiKey') });

const tape = new TapeFeed((latest) => {
  page.tape = latest;
  render();
}, { apiKey: query.get('apiKey') });

const controls = new Controls(
  { form: byId('symbol-form'), input: byId('symbol'), suggestions: byId('symbol-list'), timeframes: byId('timeframes') },
  page.request,
  (request) => show(request),
);

function show(request) {
  page.request = request;
  const address = new URL(window.location.href);
  address.searchParams.set('symbol', request.symbol);
  address.searchParams.set('timeframe', request.timeframe);
  window.history.replaceState(null, '', address);
  controls.show(request);
  // Old candles under a new symbol's title would mislead; start blank until the new history comes.
  chart.clear();
  feed.open(request.symbol, request.timeframe);
  tape.open(request.symbol);
}

show(page.request);
