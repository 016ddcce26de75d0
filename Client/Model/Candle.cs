namespace OrleansMarketData.Client;

/// <summary>A candle with its indicators, as the gateway serves it.</summary>
/// <param name="Timestamp">The start of the candle's interval, New York time with its offset.</param>
/// <param name="Open">Opening price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Closing (or, while forming, latest) price.</param>
/// <param name="Volume">Shares traded.</param>
/// <param name="MarketStatus"><c>pre-market</c>, <c>regular</c>, <c>after-hours</c> or <c>closed</c>.</param>
/// <param name="Atr">Average true range; null while warming up.</param>
/// <param name="Rsi">Relative strength index; null while warming up.</param>
/// <param name="MovingAverages">Simple moving averages of close by name (<c>MA40</c>, <c>MA80</c>, <c>MA160</c> by default).</param>
public sealed record Candle(
    DateTimeOffset Timestamp,
    double Open,
    double High,
    double Low,
    double Close,
    long Volume,
    string MarketStatus,
    double? Atr,
    double? Rsi,
    IReadOnlyDictionary<string, double?> MovingAverages)
{
    /// <summary>Same values, moving averages compared by content.</summary>
    public bool SameAs(Candle other) =>
        Timestamp == other.Timestamp && Open.Equals(other.Open) && High.Equals(other.High) && Low.Equals(other.Low)
        && Close.Equals(other.Close) && Volume == other.Volume && MarketStatus == other.MarketStatus
        && Nullable.Equals(Atr, other.Atr) && Nullable.Equals(Rsi, other.Rsi)
        && MovingAverages.Count == other.MovingAverages.Count
        && MovingAverages.All(p => other.MovingAverages.TryGetValue(p.Key, out var v) && Nullable.Equals(p.Value, v));
}
