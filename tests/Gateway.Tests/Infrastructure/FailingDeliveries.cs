using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// Makes the silo's candle deliveries to gateways fail, as to a gateway that cannot be reached: the next
/// <see cref="FailNext"/> deliveries are refused and their batches lost. Counted, not timed, so that a slow
/// machine refuses as many as a fast one.
/// </summary>
public sealed class FailingDeliveries : IOutgoingGrainCallFilter
{
    private int _toRefuse;
    private int _refused;

    /// <summary>How many deliveries were refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void FailNext(int deliveries) => Volatile.Write(ref _toRefuse, deliveries);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(ICandleObserver.OnCandles) && TakeRefusal())
            throw new TimeoutException("candle delivery refused by the test");
        await context.Invoke();
    }

    private bool TakeRefusal()
    {
        while (true)
        {
            var left = Volatile.Read(ref _toRefuse);
            if (left == 0) return false;
            if (Interlocked.CompareExchange(ref _toRefuse, left - 1, left) != left) continue;
            Interlocked.Increment(ref _refused);
            return true;
        }
    }
}
