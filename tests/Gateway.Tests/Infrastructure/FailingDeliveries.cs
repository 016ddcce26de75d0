using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// Makes the silo's candle deliveries to gateways fail for a while, as to a gateway that cannot be reached: from the
/// first delivery after <see cref="FailFor"/>, every one within the window is refused and its batches are lost.
/// </summary>
public sealed class FailingDeliveries : IOutgoingGrainCallFilter
{
    private readonly Lock _lock = new();
    private TimeSpan _window;
    private DateTimeOffset? _failingUntil;

    /// <summary>How many deliveries were refused so far.</summary>
    public int Refused { get; private set; }

    public void FailFor(TimeSpan window)
    {
        lock (_lock) (_window, _failingUntil) = (window, null);
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(ICandleObserver.OnCandles) && Refuses())
            throw new TimeoutException("candle delivery refused by the test");
        await context.Invoke();
    }

    private bool Refuses()
    {
        lock (_lock)
        {
            if (_window == TimeSpan.Zero) return false;
            var now = DateTimeOffset.UtcNow;
            _failingUntil ??= now + _window;
            if (now >= _failingUntil) return false;
            Refused++;
            return true;
        }
    }
}
