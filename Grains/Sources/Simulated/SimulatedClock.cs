using Microsoft.Extensions.Options;
using OrleansMarketData.Calendar;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>The simulated market's clock: real time, or a faster clock anchored at process start.</summary>
public sealed class SimulatedClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _wallStart;
    private readonly DateTimeOffset _marketStart;

    public SimulatedClock(TimeProvider time, IOptions<SimulatorOptions> options, IMarketCalendar calendar)
    {
        _time = time;
        Speed = options.Value.Speed;
        _wallStart = options.Value.WallClockAnchor?.ToUniversalTime() ?? time.GetUtcNow();
        _marketStart = options.Value.StartTime?.ToUniversalTime()
            ?? (Speed > 1 ? calendar.LatestOpenSession(_wallStart).OpenTime : _wallStart);
    }

    public double Speed { get; }

    public DateTimeOffset Now => _marketStart + (_time.GetUtcNow() - _wallStart) * Speed;

    /// <summary>Wall-clock time until the simulated clock reaches <paramref name="marketTime"/>.</summary>
    public TimeSpan WallTimeUntil(DateTimeOffset marketTime)
    {
        var delay = (marketTime - Now) / Speed;
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }
}
