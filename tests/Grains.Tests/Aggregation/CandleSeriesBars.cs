using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests;

/// <summary><see cref="CandleSeries"/> written and read as whole bars and candles, as the tests compare them.</summary>
public static class CandleSeriesBars
{
    extension(CandleSeries series)
    {
        /// <inheritdoc cref="CandleSeries.Upsert(in CandleRow, in TradeFields)"/>
        public SeriesChange Upsert(Bar bar) => series.Upsert(CandleRow.Of(bar), TradeFields.Of(bar));

        /// <summary>Every cached candle, materialised anew.</summary>
        public Candle[] ToCandles()
        {
            var candles = new Candle[series.Count];
            for (var i = 0; i < candles.Length; i++) candles[i] = series.CandleAt(i);
            return candles;
        }
    }
}
