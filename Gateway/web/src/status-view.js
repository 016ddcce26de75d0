/**
 * The header's read-outs: connection indicator, market status of the last bar, last price, the last
 * trade and the bid/ask spread from the trades and quotes stream, error banner and legend. It also publishes the same facts as window.chartState and data- attributes,
 * so browser tests can read the page's state instead of decoding canvas pixels.
 */
export class StatusView {
  #elements;

  constructor(elements) {
    this.#elements = elements;
  }

  render({ request, connection, message, historyLoads, liveUpdates, tape }, snapshot) {
    const { connectionDot, connectionLabel, connectionBox, marketStatus, title, price, lastTrade, spread, error, legend } = this.#elements;
    const last = snapshot.last;

    connectionBox.dataset.state = connection;
    connectionLabel.textContent = connection;
    connectionBox.title = message ?? '';
    connectionDot.className = `dot ${connection}`;

    // The server's error for a bad request, or why the page is reconnecting, shown above the chart.
    error.hidden = connection !== 'error' && !message;
    error.textContent = message ?? '';
    error.dataset.kind = connection === 'error' ? 'error' : 'notice';

    title.textContent = `${request.symbol} · ${request.timeframe}`;
    const status = last?.market_status ?? '';
    marketStatus.dataset.status = status;
    marketStatus.textContent = status || '—';
    price.textContent = last ? formatPrice(last.close) : '';
    document.title = last ? `${request.symbol} ${formatPrice(last.close)} · ${request.timeframe}` : `${request.symbol} · ${request.timeframe}`;
    legend.replaceChildren(...legendItems(last, snapshot.movingAverages, snapshot.seriesColors));
    const { trade, quote } = tape;
    lastTrade.textContent = trade ? `last ${formatPrice(trade.p)} × ${trade.s.toLocaleString('en-US')}` : '';
    spread.textContent = quote ? `bid ${formatPrice(quote.bp)} · ask ${formatPrice(quote.ap)} · spread ${formatPrice(quote.ap - quote.bp)}` : '';

    window.chartState = {
      symbol: request.symbol,
      timeframe: request.timeframe,
      connection,
      message: message ?? null,
      marketStatus: status || null,
      historyLoads,
      liveUpdates,
      tape: { trade: trade ? { price: trade.p, size: trade.s, time: trade.t } : null,
        quote: quote ? { bid: quote.bp, ask: quote.ap, time: quote.t } : null },
      ...snapshot,
    };
  }
}

function legendItems(bar, movingAverages, colors) {
  if (!bar) return [];
  const items = [
    ['O', formatPrice(bar.open)], ['H', formatPrice(bar.high)], ['L', formatPrice(bar.low)], ['C', formatPrice(bar.close)],
    ['Vol', bar.volume.toLocaleString('en-US')],
    ...movingAverages.map((key) => [key, formatPrice(bar[key])]),
    ['RSI', formatNumber(bar.RSI, 1)], ['ATR', formatNumber(bar.ATR, 3)],
  ];
  return items.map(([name, value]) => {
    const item = document.createElement('span');
    item.className = 'legend-item';
    item.dataset.key = name;
    item.textContent = `${name} ${value}`;
    if (colors[name]) item.style.color = colors[name];
    return item;
  });
}

function formatPrice(value) {
  return formatNumber(value, 2);
}

function formatNumber(value, digits) {
  return typeof value === 'number' ? value.toFixed(digits) : '–';
}
