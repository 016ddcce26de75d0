using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Tests.Alpaca;

public sealed class PriorityScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_priority_request_does_not_queue_behind_a_burst_of_others()
    {
        var schedule = new PrioritySchedule(Window);
        var others = Enumerable.Range(0, 50).Select(_ => schedule.Reserve(T0, limit: 20, priority: false)).ToList();
        Assert.True(others[^1] > T0.AddMinutes(1), $"the burst reaches {others[^1]:O}");

        Assert.Equal(T0, schedule.Reserve(T0, limit: 20, priority: true));
        Assert.Equal(T0, schedule.Reserve(T0, limit: 20, priority: true));
    }

    [Fact]
    public void No_window_holds_more_than_the_limit_with_both_kinds_together()
    {
        var schedule = new PrioritySchedule(Window);
        var grants = new List<DateTimeOffset>();
        for (var i = 0; i < 200; i++) grants.Add(schedule.Reserve(T0.AddSeconds(i), limit: 20, priority: i % 3 == 0));
        grants.Sort();
        for (var i = 0; i < grants.Count; i++)
            Assert.True(grants.Count(g => g >= grants[i] && g < grants[i] + Window) <= 20, $"more than 20 requests in the window from {grants[i]:O}");
    }
}
