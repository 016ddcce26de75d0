using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansMarketData.Calendar;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tests.Simulated;

/// <summary>The simulated clock: real time at speed 1, otherwise a faster clock from the latest regular open or StartTime.</summary>
public sealed class SimulatedClockTests
{
    private static readonly DateTimeOffset Saturday = new(2025, 6, 14, 16, 0, 0, TimeSpan.Zero);

    private static SimulatedClock Clock(FakeTimeProvider time, double speed, DateTimeOffset? start = null) =>
        new(time, Options.Create(new SimulatorOptions { Speed = speed, StartTime = start }), new NyseCalendar());

    [Fact]
    public void Speed_one_follows_the_wall_clock()
    {
        var time = new FakeTimeProvider(Saturday);
        var clock = Clock(time, 1);
        Assert.Equal(Saturday, clock.Now);

        time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(Saturday.AddSeconds(90), clock.Now);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.WallTimeUntil(Saturday.AddMinutes(2)));
        Assert.Equal(TimeSpan.Zero, clock.WallTimeUntil(Saturday));
    }

    [Theory]
    [InlineData("2025-06-14T16:00:00Z", "2025-06-13T13:30:00Z")] // Saturday → Friday's open
    [InlineData("2025-06-10T12:00:00Z", "2025-06-09T13:30:00Z")] // Tuesday 08:00 → Monday's open
    [InlineData("2025-06-10T15:00:00Z", "2025-06-10T13:30:00Z")] // Tuesday 11:00 → today's open
    [InlineData("2025-01-21T13:00:00Z", "2025-01-17T14:30:00Z")] // Tuesday 08:00 after a holiday Monday → Friday
    public void Faster_clock_starts_at_the_latest_regular_open_and_runs_at_speed(string wall, string open)
    {
        var start = DateTimeOffset.Parse(wall, System.Globalization.CultureInfo.InvariantCulture);
        var expectedStart = DateTimeOffset.Parse(open, System.Globalization.CultureInfo.InvariantCulture);
        var time = new FakeTimeProvider(start);
        var clock = Clock(time, 60);
        Assert.Equal(expectedStart, clock.Now);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(expectedStart.AddMinutes(10), clock.Now);
        Assert.Equal(TimeSpan.FromSeconds(10), clock.WallTimeUntil(expectedStart.AddMinutes(20)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(1000)]
    public void StartTime_overrides_the_start(double speed)
    {
        var time = new FakeTimeProvider(Saturday);
        var clock = Clock(time, speed, new DateTimeOffset(2024, 1, 2, 9, 30, 0, TimeSpan.FromHours(-5)));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 14, 30, 0, TimeSpan.Zero), clock.Now);
        Assert.Equal(TimeSpan.Zero, clock.Now.Offset);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 14, 30, 0, TimeSpan.Zero).AddSeconds(2 * speed), clock.Now);
    }
}
