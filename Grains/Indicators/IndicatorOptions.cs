namespace OrleansMarketData.Indicators;

/// <summary>
/// Indicator periods, bound from <c>MarketData:Indicators</c>: ATR and RSI with Wilder smoothing, and three simple
/// moving averages of the close (short, medium, long), whose periods name them in the API (<c>MA40</c>...).
/// </summary>
public sealed class IndicatorOptions
{
    public const string Section = "MarketData:Indicators";

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

    /// <summary>
    /// Of a history of <paramref name="count"/> bars asked for, how many are enough to go on with: short of at most
    /// half the bars beyond the warm-up, fewer are served but none is worth another request. A source with minutes
    /// without trades answers that short, and a store holding what it answered is then as good as asking it again.
    /// </summary>
    public int EnoughOf(int count) => count - Math.Max(0, count - WarmupBars) / 2;

    private static int WilderWarmup(int period) =>
        period <= 1 ? period : period + (int)Math.Ceiling(Math.Log(1e-9) / Math.Log((period - 1.0) / period));
}
