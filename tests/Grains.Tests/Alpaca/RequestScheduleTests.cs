using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Tests.Alpaca;

public sealed class RequestScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_burst_up_to_the_limit_goes_at_once_and_the_rest_waits_for_the_window_to_slide()
    {
        var schedule = new RequestSchedule(Minute);
        var times = Enumerable.Range(0, 25).Select(_ => schedule.Reserve(T0, limit: 10)).ToList();

        Assert.All(times.Take(10), t => Assert.Equal(T0, t));
        Assert.All(times.Skip(10).Take(10), t => Assert.Equal(T0 + Minute, t));
        Assert.All(times.Skip(20), t => Assert.Equal(T0 + 2 * Minute, t));
    }

    [Fact]
    public void No_window_ever_holds_more_than_the_limit()
    {
        var schedule = new RequestSchedule(Minute);
        var random = new Random(7);
        var now = T0;
        var granted = new List<DateTimeOffset>();
        for (var i = 0; i < 500; i++)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 800));
            var at = schedule.Reserve(now, limit: 20);
            Assert.True(at >= now);
            granted.Add(at);
        }
        Assert.All(granted, g => Assert.True(granted.Count(x => x > g - Minute && x <= g) <= 20, $"window ending {g:O}"));
    }

    [Fact]
    public void A_pause_holds_every_request_until_it_ends()
    {
        var schedule = new RequestSchedule(Minute);
        schedule.PauseUntil(T0.AddSeconds(30));
        Assert.Equal(T0.AddSeconds(30), schedule.Reserve(T0, limit: 100));
        Assert.Equal(T0.AddSeconds(45), schedule.Reserve(T0.AddSeconds(45), limit: 100));
    }
}
