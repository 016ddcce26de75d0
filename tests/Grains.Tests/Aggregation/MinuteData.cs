using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>Synthetic 1-minute bars and an aggregation written independently of BarAggregator.</summary>
internal static class MinuteData
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>
    /// Minutes of one New York day from 04:00 to 19:59 (a trading day's session), a random walk in cents; about a
    /// quarter of the extended-hours minutes and a few regular minutes have no bar, as on a real feed.
    /// </summary>
    public static List<Bar> Session(DateOnly date, int seed)
    {
        var random = new Random(seed);
        var bars = new List<Bar>();
        var close = 100.0 + seed % 50;
        for (var minute = 4 * 60; minute < 20 * 60; minute++)
        {
            var regular = minute is >= 9 * 60 + 30 and < 16 * 60;
            if (random.NextDouble() < (regular ? 0.03 : 0.25)) continue;
            var open = Cents(close + (random.NextDouble() - 0.5) * 0.04);
            close = Cents(open + (random.NextDouble() - 0.5) * 0.3);
            var high = Cents(Math.Max(open, close) + random.NextDouble() * 0.05);
            var low = Cents(Math.Min(open, close) - random.NextDouble() * 0.05);
            bars.Add(new Bar(NewYorkToUtc(date, minute), open, high, low, close, random.Next(1, 50) * 100));
        }
        return bars;
    }

    public static DateTimeOffset NewYorkToUtc(DateOnly date, int minuteOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minuteOfDay);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, NewYork), TimeSpan.Zero);
    }

    /// <summary>Start of the bucket: whole minutes since midnight UTC, or New York midnight for a day.</summary>
    public static DateTimeOffset BucketOf(DateTimeOffset time, Timeframe timeframe)
    {
        var minutes = timeframe switch
        {
            Timeframe.Minute1 => 1,
            Timeframe.Minute5 => 5,
            Timeframe.Minute15 => 15,
            Timeframe.Hour1 => 60,
            _ => 0,
        };
        if (minutes == 0)
        {
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, NewYork).DateTime);
            return NewYorkToUtc(date, 0);
        }
        var utc = time.UtcDateTime;
        var minuteOfDay = utc.Hour * 60 + utc.Minute;
        return new DateTimeOffset(utc.Date.AddMinutes(minuteOfDay - minuteOfDay % minutes), TimeSpan.Zero);
    }

    /// <summary>OHLCV per bucket: open of the first minute, highest high, lowest low, close of the last, total volume.</summary>
    public static List<Bar> Aggregate(IEnumerable<Bar> minutes, Timeframe timeframe) =>
        minutes.OrderBy(m => m.Time)
            .GroupBy(m => BucketOf(m.Time, timeframe))
            .Select(g => new Bar(g.Key, g.First().Open, g.Max(m => m.High), g.Min(m => m.Low), g.Last().Close, g.Sum(m => m.Volume)))
            .ToList();

    private static double Cents(double price) => Math.Round(price, 2);
}
