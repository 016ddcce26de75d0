/**
 * The header's read-outs: connection indicator, market status of the last bar, last price, error
 * banner and legend. It also publishes the same facts as window.chartState and data- attributes,
 * so browser tests can read the page's state instead of decoding canvas pixels.
 */
export class StatusView {
  #elements;

  constructor(elements) {
    this.#elements = elements;
  }

  render({ request, connection, message, historyLoads, liveUpdates }, snapshot) {
    const { connectionDot, connectionLabel, connectionBox, marketStatus, title, price, error, legend } = this.#elements;
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

    window.chartState = {
      symbol: request.symbol,
      timeframe: request.timeframe,
      connection,
      message: message ?? null,
      marketStatus: status || null,
      historyLoads,
      liveUpdates,
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
