using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// The simulator's trades and quotes of a minute, derived from its minute bar (docs/alpaca-compatibility.md,
/// "The simulator's trades and quotes"): the first trade is at the open, the last at the close, one at the high and one
/// at the low, their sizes add up to the volume, and all fall inside the minute, in order. Each trade is preceded by a
/// quote that brackets it. Like the bars, everything is a pure function of the symbol and the minute's bar, so every
/// process gives the same tape; the bars' trade count and VWAP are those of these trades.
/// </summary>
public static class SimulatedTape
{
    /// <summary>
    /// At most this many trades a minute: the simulator's daily history summarises the trades of every minute of years,
    /// and this is most of what that costs.
    /// </summary>
    public const int MaxTrades = 20;

    /// <summary>IEX's exchange code: the simulator is served as the iex feed (Gateway/AlpacaApi/ServedFeed.cs).</summary>
    public const string Exchange = "V";

    private const ulong ShapeSalt = 0x8EBC6AF09C88C6E3UL;
    private const ulong TradeSalt = 0x589965CC75374CC3UL;
    private const ulong TimeSalt = 0x1D8E4E27C47D124FUL;
    private const ulong QuoteSalt = 0xD6E8FEB86659FD93UL;
    private static readonly string[] Tapes = ["A", "B", "C"];
    private static readonly string[] Quoted = ["R"];
    private static readonly string[][] Sales = [["@"], ["@", "I"], ["@", "T"], ["@", "T", "I"]];

    /// <summary>
    /// The trades and quotes of the minute of <paramref name="minute"/>, a bar of <paramref name="symbol"/> the simulator
    /// gave (or any bar whose volume can print its prices: <see cref="MinimumVolume"/>). <paramref name="regularHours"/>
    /// marks the trades as in or out of the regular session (condition <c>T</c>).
    /// </summary>
    public static MinuteTape Of(string symbol, Bar minute, bool regularHours)
    {
        var seed = SymbolProfile.SeedOf(symbol);
        var index = SimulatedMarket.MinuteIndex(minute.Time);
        Span<double> prices = stackalloc double[MaxTrades];
        Span<long> sizes = stackalloc long[MaxTrades];
        var n = Generate(seed, index, minute.Open, minute.High, minute.Low, minute.Close, minute.Volume, prices, sizes);

        var start = minute.Time.UtcTicks - minute.Time.UtcTicks % TimeSpan.TicksPerMinute;
        Span<long> times = stackalloc long[MaxTrades];
        TradeTimes(seed ^ TimeSalt, index, start, n, times);
        var tape = Tapes[seed % 3];
        var trades = new Trade[n];
        var quotes = new Quote[n];
        for (var i = 0; i < n; i++)
        {
            var conditions = Sales[(regularHours ? 0 : 2) + (sizes[i] < 100 ? 1 : 0)];
            trades[i] = new Trade(new DateTimeOffset(times[i], TimeSpan.Zero), prices[i], sizes[i], index * 100 + i, Exchange, conditions, tape);
            var after = i == 0 ? start : times[i - 1] + 1;
            quotes[i] = QuoteBefore(seed ^ QuoteSalt, index * MaxTrades + i, after, times[i], prices[i], tape);
        }
        return new MinuteTape(trades, quotes);
    }

    /// <summary>The trade count and VWAP of the trades <see cref="Of"/> gives for these values, without building them.</summary>
    internal static (long Count, double Vwap) Summary(ulong seed, long minuteIndex, double open, double high, double low, double close, long volume)
    {
        Span<double> prices = stackalloc double[MaxTrades];
        Span<long> sizes = stackalloc long[MaxTrades];
        var n = Generate(seed, minuteIndex, open, high, low, close, volume, prices, sizes);
        var value = 0.0;
        for (var i = 0; i < n; i++) value += prices[i] * sizes[i];
        return (n, value / volume);
    }

    /// <summary>The fewest shares that can print these prices: one trade per price the minute must touch in turn.</summary>
    public static long MinimumVolume(double open, double high, double low, double close)
    {
        Span<double> points = stackalloc double[4];
        return Math.Min(Points(open, high, low, close, highFirst: true, points), Points(open, high, low, close, highFirst: false, points));
    }

    /// <summary>Fills the minute's prices and sizes; returns the number of trades.</summary>
    private static int Generate(ulong seed, long m, double open, double high, double low, double close, long volume, Span<double> prices, Span<long> sizes)
    {
        if (volume < 1 || !(low <= Math.Min(open, close)) || !(high >= Math.Max(open, close)))
            throw new ArgumentException($"not a bar: open {open}, high {high}, low {low}, close {close}, volume {volume}");
        var shape = seed ^ ShapeSalt;
        // A rising minute more often dips first, a falling one rallies first.
        var highFirst = PricePath.Unit(shape, 4 * m) < (close < open ? 0.7 : 0.3);
        Span<double> points = stackalloc double[4];
        var r = Points(open, high, low, close, highFirst, points);
        if (r > volume) r = Points(open, high, low, close, !highFirst, points);
        if (r > volume) throw new ArgumentException($"a minute of {volume} shares cannot print open {open}, high {high}, low {low}, close {close}");
        var wanted = 1 + (long)(Math.Sqrt(volume) / 8 * (0.5 + PricePath.Unit(shape, 4 * m + 1)));
        var n = (int)Math.Min(Math.Min(volume, MaxTrades), Math.Max(r, wanted));

        // Where the minute touches each point: the open first, the close last, the others in between, in order.
        Span<int> at = stackalloc int[4];
        at[r - 1] = n - 1;
        at[0] = 0;
        for (var k = 1; k < r - 1; k++)
        {
            var next = k + 1 == r - 1 ? n - 1 : (int)Math.Round((k + 1) * (n - 1.0) / (r - 1));
            at[k] = at[k - 1] + 1 + (int)(PricePath.Unit(shape, 4 * m + 1 + k) * (next - at[k - 1] - 1));
        }

        var trade = seed ^ TradeSalt;
        var weights = 0.0;
        Span<double> weight = stackalloc double[MaxTrades];
        for (int i = 0, k = 0; i < n; i++)
        {
            var bits = PricePath.Bits(trade, m * MaxTrades + i);
            var u = (bits & 0xFFFFFFFF) * (1.0 / 4294967296.0);
            var v = (bits >> 32) * (1.0 / 4294967296.0);
            if (r == 1) prices[i] = open;
            else if (i == at[k])
            {
                prices[i] = points[k];
                if (k < r - 1) k++;
            }
            else
            {
                // Between two points the price drifts from one to the other, with noise, inside the minute's range.
                var from = points[k - 1];
                var fraction = (double)(i - at[k - 1]) / (at[k] - at[k - 1]);
                var x = from + (points[k] - from) * fraction + (2 * u - 1) * 0.15 * (high - low);
                prices[i] = Math.Min(high, Math.Max(low, Math.Round(x * 100) / 100));
            }
            weight[i] = 0.2 + 3 * v * v;
            weights += weight[i];
        }

        // Every trade at least one share, the rest shared by weight; what rounding leaves goes one share each from the first.
        var rest = volume - n;
        var given = 0L;
        for (var i = 0; i < n; i++)
        {
            sizes[i] = 1 + (long)(rest * (weight[i] / weights));
            given += sizes[i];
        }
        for (var i = 0; given < volume; i++, given++) sizes[i]++;
        return n;
    }

    /// <summary>The prices the minute touches in turn, consecutive repeats dropped; returns how many.</summary>
    private static int Points(double open, double high, double low, double close, bool highFirst, Span<double> points)
    {
        var count = 0;
        foreach (var price in (ReadOnlySpan<double>)[open, highFirst ? high : low, highFirst ? low : high, close])
        {
            if (count == 0 || points[count - 1] != price) points[count++] = price;
        }
        return count;
    }

    /// <summary>Increasing times inside the minute starting at <paramref name="start"/>, spaced at random.</summary>
    private static void TradeTimes(ulong seed, long m, long start, int n, Span<long> times)
    {
        Span<double> gaps = stackalloc double[MaxTrades + 1];
        var total = 0.0;
        for (var i = 0; i <= n; i++) total += gaps[i] = 0.05 + PricePath.Unit(seed, m * (MaxTrades + 1) + i);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += gaps[i];
            var tick = start + (long)(sum / total * (TimeSpan.TicksPerMinute - 1));
            times[i] = i > 0 && tick <= times[i - 1] ? times[i - 1] + 1 : tick;
        }
    }

    /// <summary>A quote at or after <paramref name="after"/> and at or before the trade, with the trade's price inside its spread.</summary>
    private static Quote QuoteBefore(ulong seed, long index, long after, long tradeTicks, double price, string tape)
    {
        var bits = PricePath.Bits(seed, index);
        var u = (bits & 0xFFFF) / 65536.0;
        var cents = (long)Math.Round(price * 100);
        // A spread of 0.3 to 2.3 basis points of the price, at least a cent, as on a liquid stock's IEX quote.
        var spread = Math.Max(1, (long)Math.Round(cents * (0.00003 + 0.0002 * u)));
        var below = Math.Min(Math.Min(spread, (long)(((bits >> 16) & 0xFFFF) / 65536.0 * (spread + 1))), Math.Max(0, cents - 1));
        var bid = cents - below;
        var time = after + (long)(((bits >> 32) & 0xFFFF) / 65536.0 * Math.Max(0, tradeTicks - after));
        var bidSize = 100 * (1 + (long)((bits >> 48 & 0xFF) / 256.0 * 10));
        var askSize = 100 * (1 + (long)((bits >> 56) / 256.0 * 10));
        return new Quote(new DateTimeOffset(time, TimeSpan.Zero), Exchange, bid / 100.0, bidSize, Exchange, (bid + spread) / 100.0, askSize, Quoted, tape);
    }
}
