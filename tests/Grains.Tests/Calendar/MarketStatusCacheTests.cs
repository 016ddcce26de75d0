using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Calendar;

/// <summary>
/// <see cref="MarketStatusCache"/> must classify every minute as <see cref="MarketStatusClassifier.Classify"/> does,
/// across both daylight-saving switches, a holiday, an early close and a weekend, in order and jumping about.
/// </summary>
public sealed class MarketStatusCacheTests
{
    private readonly NyseCalendar _calendar = new();

    public static TheoryData<string, int> Spans() => new()
    {
        { "2025-03-06T00:00Z", 5 },  // Thursday to Monday over the spring switch (Sunday 2025-03-09)
        { "2025-10-30T00:00Z", 5 },  // over the autumn switch (Sunday 2025-11-02)
        { "2025-11-26T00:00Z", 3 },  // Thanksgiving and the early close after it
        { "2025-07-03T00:00Z", 2 },  // early close before Independence Day, then the holiday
    };

    [Theory]
    [MemberData(nameof(Spans))]
    public void Minutes_in_order_are_classified_as_without_the_cache(string from, int days)
    {
        foreach (var timeframe in Timeframes.All)
        {
            var cache = new MarketStatusCache(_calendar, timeframe);
            var start = DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
            for (var t = start; t < start.AddDays(days); t = t.AddMinutes(1))
                Assert.Equal(_calendar.Classify(t, timeframe), cache.Classify(t.UtcTicks));
        }
    }

    [Fact]
    public void Minutes_out_of_order_are_classified_as_without_the_cache()
    {
        var random = new Random(7);
        var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var timeframe in Timeframes.All)
        {
            var cache = new MarketStatusCache(_calendar, timeframe);
            for (var i = 0; i < 5_000; i++)
            {
                var t = start.AddMinutes(random.Next(0, 60 * 24 * 300));
                Assert.Equal(_calendar.Classify(t, timeframe), cache.Classify(t.UtcTicks));
            }
        }
    }
}
