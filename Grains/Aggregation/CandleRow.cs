using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// One cached candle as a plain value (104 bytes, no references): a series holds them in one array instead of a
/// <see cref="Candle"/> and a <see cref="Bar"/> object each, which took about 208 bytes per candle and an
/// allocation per update. Indicators are NaN while they have no value yet; so is <see cref="Vwap"/> when the source
/// gave none, and <see cref="TradeCount"/> is then <see cref="NoTradeCount"/>.
/// </summary>
public struct CandleRow
{
    /// <summary>
    /// UTC ticks in the low 62 bits and the market status in the top two: ticks stay below 2^62 (year 9999 is
    /// 3.2·10^18), and a separate status byte would pad the row to 96 bytes.
    /// </summary>
    private long _ticksAndStatus;

    public double Open;
    public double High;
    public double Low;
    public double Close;
    public long Volume;
    /// <summary>Trades in the bar; <see cref="NoTradeCount"/> when the source did not say.</summary>
    public long TradeCount;
    /// <summary>Volume-weighted average price; NaN when the source did not say.</summary>
    public double Vwap;
    public IndicatorRow Indicators;

    /// <summary>The trade count of a bar whose source gave none.</summary>
    public const long NoTradeCount = -1;

    private const int StatusShift = 62;
    private const long TicksMask = (1L << StatusShift) - 1;

    public CandleRow(long ticks, double open, double high, double low, double close, long volume,
        long tradeCount = NoTradeCount, double vwap = double.NaN)
    {
        _ticksAndStatus = ticks;
        (Open, High, Low, Close, Volume, TradeCount, Vwap) = (open, high, low, close, volume, tradeCount, vwap);
        Indicators = IndicatorRow.None;
    }

    public static CandleRow Of(Bar bar) =>
        new(bar.Time.UtcTicks, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, bar.TradeCount ?? NoTradeCount, bar.Vwap ?? double.NaN);

    /// <summary>Start of the bar in UTC ticks.</summary>
    public readonly long Ticks => _ticksAndStatus & TicksMask;

    public readonly DateTimeOffset Time => new(Ticks, TimeSpan.Zero);

    public MarketStatus Status
    {
        readonly get => (MarketStatus)(int)((ulong)_ticksAndStatus >> StatusShift);
        set => _ticksAndStatus = Ticks | ((long)value << StatusShift);
    }

    /// <summary>The same start, the same OHLCV, trade count and VWAP (NaN equals NaN: both unknown).</summary>
    public readonly bool SameBar(in CandleRow other) =>
        Ticks == other.Ticks && Open.Equals(other.Open) && High.Equals(other.High) && Low.Equals(other.Low)
        && Close.Equals(other.Close) && Volume == other.Volume && TradeCount == other.TradeCount && Vwap.Equals(other.Vwap);

    /// <summary>Takes the OHLCV, trade count and VWAP of <paramref name="bar"/> (same start), keeping status and indicators.</summary>
    public void SetPrices(in CandleRow bar) =>
        (Open, High, Low, Close, Volume, TradeCount, Vwap) = (bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, bar.TradeCount, bar.Vwap);

    public readonly Bar ToBar() => new(Time, Open, High, Low, Close, Volume,
        TradeCount < 0 ? null : TradeCount, double.IsNaN(Vwap) ? null : Vwap);

    public readonly Candle ToCandle()
    {
        var values = Indicators;
        return new(ToBar(), Status, Value(values.Atr), Value(values.Rsi), Value(values.MaShort), Value(values.MaMedium), Value(values.MaLong));
    }

    /// <summary>An indicator still warming up (NaN) is null in a candle.</summary>
    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
