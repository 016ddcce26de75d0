using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// What a batch must satisfy before it is queued or written: a batch the store would refuse must fail its caller at
/// once, not sit at the head of the write queue being retried.
/// </summary>
public static class BarBatchRules
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bar or range that breaks a rule.</summary>
    public static void Validate(BarBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var bar in batch.Bars)
        {
            CheckKey(bar.Symbol, bar.Timeframe, bar.Time, "bar");
            var b = bar.Bar;
            if (!double.IsFinite(b.Open) || !double.IsFinite(b.High) || !double.IsFinite(b.Low) || !double.IsFinite(b.Close)
                || b.Vwap is { } vwap && !double.IsFinite(vwap))
                throw new ArgumentException($"bar {bar.Symbol} {bar.Timeframe.Name()} {bar.Time:O} has a price that is not a finite number", nameof(batch));
            if (bar.Sequence is not null && bar.Timeframe != Timeframe.Minute1)
                throw new ArgumentException($"bar {bar.Symbol} {bar.Timeframe.Name()} {bar.Time:O} has a sequence number; only the feed's 1-minute bars carry one", nameof(batch));
        }
        foreach (var range in batch.Covered)
        {
            CheckKey(range.Symbol, range.Timeframe, range.From, "covered range");
            CheckKey(range.Symbol, range.Timeframe, range.To, "covered range");
            if (range.To <= range.From)
                throw new ArgumentException($"covered range {range.Symbol} {range.Timeframe.Name()} ends ({range.To:O}) before it starts ({range.From:O})", nameof(batch));
        }
    }

    private static void CheckKey(string symbol, Timeframe timeframe, DateTimeOffset time, string what)
    {
        if (string.IsNullOrWhiteSpace(symbol)) throw new ArgumentException($"a {what} has no symbol", nameof(symbol));
        if (!Enum.IsDefined(timeframe)) throw new ArgumentException($"{what} {symbol} has an unknown timeframe {(int)timeframe}", nameof(timeframe));
        // Rows are keyed by whole seconds (SQLite stores Unix seconds): a fraction would silently move the key.
        if (time.UtcTicks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException($"{what} {symbol} {timeframe.Name()} {time:O} is not a whole second", nameof(time));
    }
}
