import { CandlestickSeries, HistogramSeries, LineSeries, createChart } from 'lightweight-charts';
import { chartTime, movingAverageKeys, orderedUnique, toCandle, toLinePoint, toVolume } from './bars.js';

const COLORS = {
  background: '#131722',
  text: '#b2b5be',
  grid: '#1f2430',
  up: '#26a69a',
  down: '#ef5350',
  volumeUp: 'rgba(38, 166, 154, 0.45)',
  volumeDown: 'rgba(239, 83, 80, 0.45)',
  movingAverages: ['#f5c542', '#42a5f5', '#ab47bc'],
  rsi: '#7e57c2',
  atr: '#ff9800',
  guide: 'rgba(178, 181, 189, 0.35)',
};

const PRICE_PANE = 0;
const RSI_PANE = 1;
const ATR_PANE = 2;

/**
 * The candlestick chart: price with moving averages and volume on top, RSI and ATR in panes below.
 * It keeps the source bars beside the series so the page can report exactly what it shows.
 */
export class ChartView {
  #chart;
  #candles;
  #volume;
  #rsi;
  #atr;
  #movingAverages = new Map();
  #bars = [];

  constructor(container) {
    this.#chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { color: COLORS.background },
        textColor: COLORS.text,
        fontFamily: 'system-ui, sans-serif',
        panes: { separatorColor: '#2a2e39' },
      },
      grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
      rightPriceScale: { borderColor: '#2a2e39' },
      timeScale: { borderColor: '#2a2e39', timeVisible: true, secondsVisible: false, rightOffset: 4 },
      crosshair: { mode: 0 },
    });

    this.#candles = this.#chart.addSeries(CandlestickSeries, {
      upColor: COLORS.up, downColor: COLORS.down, wickUpColor: COLORS.up, wickDownColor: COLORS.down, borderVisible: false,
    }, PRICE_PANE);
    // Volume shares the price pane on its own hidden scale, squeezed into the bottom fifth.
    this.#volume = this.#chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false,
    }, PRICE_PANE);
    this.#chart.priceScale('volume', PRICE_PANE).applyOptions({ scaleMargins: { top: 0.8, bottom: 0 }, visible: false });
    this.#candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.22 } });

    this.#rsi = this.#chart.addSeries(LineSeries, { color: COLORS.rsi, lineWidth: 1.5, title: 'RSI', priceLineVisible: false }, RSI_PANE);
    for (const level of [30, 70]) {
      this.#rsi.createPriceLine({ price: level, color: COLORS.guide, lineWidth: 1, lineStyle: 2, axisLabelVisible: false });
    }
    this.#atr = this.#chart.addSeries(LineSeries, { color: COLORS.atr, lineWidth: 1.5, title: 'ATR', priceLineVisible: false }, ATR_PANE);

    const [price, rsi, atr] = this.#chart.panes();
    price.setStretchFactor(3);
    rsi.setStretchFactor(1);
    atr.setStretchFactor(1);
  }

  /** Replaces everything with a historical message's bars. */
  setHistory(bars, timeframe) {
    this.#bars = orderedUnique(bars);
    // Daily bars all start at midnight; a time of day on their axis would only be noise.
    this.#chart.applyOptions({ timeScale: { timeVisible: timeframe !== '1Day' } });
    this.#ensureMovingAverages(this.#bars[0] ?? {});

    this.#candles.setData(this.#bars.map(toCandle));
    this.#volume.setData(this.#bars.map((bar) => toVolume(bar, { up: COLORS.volumeUp, down: COLORS.volumeDown })));
    this.#rsi.setData(this.#bars.map((bar) => toLinePoint(bar, 'RSI')));
    this.#atr.setData(this.#bars.map((bar) => toLinePoint(bar, 'ATR')));
    for (const [key, series] of this.#movingAverages) series.setData(this.#bars.map((bar) => toLinePoint(bar, key)));
    this.#chart.timeScale().scrollToRealTime();
  }

  /**
   * Applies a live bar: a new timestamp appends a candle, the last candle's timestamp replaces it.
   * Returns false for a bar older than the last candle, which cannot be drawn in place.
   */
  applyBar(bar) {
    const last = this.#bars.at(-1);
    if (last && chartTime(bar.timestamp) < chartTime(last.timestamp)) return false;
    if (last && chartTime(bar.timestamp) === chartTime(last.timestamp)) this.#bars[this.#bars.length - 1] = bar;
    else this.#bars.push(bar);
    if (this.#movingAverages.size === 0) this.#ensureMovingAverages(bar);

    this.#candles.update(toCandle(bar));
    this.#volume.update(toVolume(bar, { up: COLORS.volumeUp, down: COLORS.volumeDown }));
    this.#rsi.update(toLinePoint(bar, 'RSI'));
    this.#atr.update(toLinePoint(bar, 'ATR'));
    for (const [key, series] of this.#movingAverages) series.update(toLinePoint(bar, key));
    return true;
  }

  clear() {
    this.setHistory([], null);
  }

  /** What is drawn: the candle count comes from the chart library itself, not from our own list. */
  snapshot() {
    const drawn = this.#candles.data();
    return {
      candles: drawn.length,
      first: this.#bars[0] ?? null,
      last: this.#bars.at(-1) ?? null,
      lastDrawn: drawn.at(-1) ?? null,
      movingAverages: [...this.#movingAverages.keys()],
      seriesColors: Object.fromEntries([
        ['RSI', COLORS.rsi], ['ATR', COLORS.atr],
        ...[...this.#movingAverages].map(([key, series]) => [key, series.options().color]),
      ]),
      panes: this.#chart.panes().length,
    };
  }

  #ensureMovingAverages(bar) {
    movingAverageKeys(bar).forEach((key, index) => {
      if (this.#movingAverages.has(key)) return;
      const color = COLORS.movingAverages[index % COLORS.movingAverages.length];
      this.#movingAverages.set(key, this.#chart.addSeries(LineSeries, {
        color, lineWidth: 1, title: key, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false,
      }, PRICE_PANE));
    });
  }
}
