using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// One cached candle as a plain value (88 bytes, no references): a series holds them in one array instead of a
/// <see cref="Candle"/> and a <see cref="Bar"/> object each, which took about 208 bytes per candle and an
/// allocation per update. Indicators are NaN while they have no value yet. The bar's trade count and VWAP are not
/// here but in <see cref="TradeFields"/> beside the rows, which a series holds only once a bar has either
/// (<see cref="CandleBuffer"/>): in the row they cost 16 bytes per candle to every source, most of which give neither.
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
    public IndicatorRow Indicators;

    private const int StatusShift = 62;
    private const long TicksMask = (1L << StatusShift) - 1;

    public CandleRow(long ticks, double open, double high, double low, double close, long volume)
    {
        _ticksAndStatus = ticks;
        (Open, High, Low, Close, Volume) = (open, high, low, close, volume);
        Indicators = IndicatorRow.None;
    }

    /// <summary>The start and OHLCV of <paramref name="bar"/>; its trade count and VWAP are <see cref="TradeFields.Of"/>.</summary>
    public static CandleRow Of(Bar bar) =>
        new(bar.Time.UtcTicks, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume);

    /// <summary>Start of the bar in UTC ticks.</summary>
    public readonly long Ticks => _ticksAndStatus & TicksMask;

    public readonly DateTimeOffset Time => new(Ticks, TimeSpan.Zero);

    public MarketStatus Status
    {
        readonly get => (MarketStatus)(int)((ulong)_ticksAndStatus >> StatusShift);
        set => _ticksAndStatus = Ticks | ((long)value << StatusShift);
    }

    /// <summary>The same start and the same OHLCV.</summary>
    public readonly bool SameBar(in CandleRow other) =>
        Ticks == other.Ticks && Open.Equals(other.Open) && High.Equals(other.High) && Low.Equals(other.Low)
        && Close.Equals(other.Close) && Volume == other.Volume;

    /// <summary>Takes the OHLCV of <paramref name="bar"/> (same start), keeping status and indicators.</summary>
    public void SetPrices(in CandleRow bar) =>
        (Open, High, Low, Close, Volume) = (bar.Open, bar.High, bar.Low, bar.Close, bar.Volume);

    /// <summary>The bar of this row with its <paramref name="trades"/> (kept beside the row).</summary>
    public readonly Bar ToBar(in TradeFields trades) =>
        new(Time, Open, High, Low, Close, Volume, trades.TradeCount, trades.KnownVwap);

    public readonly Candle ToCandle(in TradeFields trades)
    {
        var values = Indicators;
        return new(ToBar(trades), Status, Value(values.Atr), Value(values.Rsi), Value(values.MaShort), Value(values.MaMedium), Value(values.MaLong));
    }

    /// <summary>An indicator still warming up (NaN) is null in a candle.</summary>
    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
