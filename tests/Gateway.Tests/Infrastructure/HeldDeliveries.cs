using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// Loses the next candle deliveries to gateways and then holds the one after, until the test releases it: the test
/// can act between a loss and the batch that would reveal it. Counted, not timed.
/// </summary>
public sealed class HeldDeliveries : IOutgoingGrainCallFilter
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _toRefuse = -1;
    private int _holds;

    /// <summary>Completes once a delivery after the lost ones is being held.</summary>
    public Task Holding => _holding.Task;

    /// <summary>Loses the next <paramref name="deliveries"/>, then holds the one after.</summary>
    public void LoseThenHold(int deliveries) => Volatile.Write(ref _toRefuse, deliveries);

    public void Release() => _release.TrySetResult();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(ICandleObserver.OnCandles))
        {
            while (Volatile.Read(ref _toRefuse) is var left and > 0)
            {
                if (Interlocked.CompareExchange(ref _toRefuse, left - 1, left) == left)
                    throw new TimeoutException("candle delivery refused by the test");
            }
            if (Volatile.Read(ref _toRefuse) == 0 && Interlocked.Exchange(ref _holds, 1) == 0)
            {
                _holding.TrySetResult();
                await _release.Task;
            }
        }
        await context.Invoke();
    }
}
