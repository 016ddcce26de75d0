namespace OrleansMarketData.Indicators;

/// <summary>Indicator periods (DESIGN §4), bound from <c>MarketData:Indicators</c>.</summary>
public sealed class IndicatorOptions
{
    public int AtrPeriod { get; set; } = 20;
    public int RsiPeriod { get; set; } = 14;
    public int MaShortPeriod { get; set; } = 40;
    public int MaMediumPeriod { get; set; } = 80;
    public int MaLongPeriod { get; set; } = 160;

    /// <summary>
    /// Bars to compute before the first bar that may be served, so that every served value is within about 1e-9
    /// (relative) of a computation over an unbounded history. Wilder smoothing forgets its seed by a factor
    /// (N-1)/N per bar; an SMA is exact once its window is full.
    /// </summary>
    public int WarmupBars => Math.Max(
        Math.Max(WilderWarmup(AtrPeriod), WilderWarmup(RsiPeriod)),
        Math.Max(MaShortPeriod, Math.Max(MaMediumPeriod, MaLongPeriod)) - 1);

    private static int WilderWarmup(int period) =>
        period <= 1 ? period : period + (int)Math.Ceiling(Math.Log(1e-9) / Math.Log((period - 1.0) / period));

    /// <summary>Returns the name of the first invalid setting with what is allowed, or null when all are valid.</summary>
    public string? Validate()
    {
        if (AtrPeriod is < 2 or > 1000) return "MarketData:Indicators:AtrPeriod must be between 2 and 1000";
        if (RsiPeriod is < 1 or > 1000) return "MarketData:Indicators:RsiPeriod must be between 1 and 1000";
        if (MaShortPeriod is < 1 or > 1000) return "MarketData:Indicators:MaShortPeriod must be between 1 and 1000";
        if (MaMediumPeriod is < 1 or > 1000) return "MarketData:Indicators:MaMediumPeriod must be between 1 and 1000";
        if (MaLongPeriod is < 1 or > 1000) return "MarketData:Indicators:MaLongPeriod must be between 1 and 1000";
        return null;
    }
}
