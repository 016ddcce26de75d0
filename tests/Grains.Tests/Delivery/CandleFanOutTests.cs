using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansMarketData.Delivery;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Delivery;

/// <summary>
/// The fan-out keeps an outbox per gateway only while the gateway gets batches: one idle for a whole sweep period is
/// dropped, and a batch for that gateway afterwards goes through a new one, in order.
/// </summary>
public sealed class CandleFanOutTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 11, 26, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_outbox_idle_for_a_sweep_period_is_dropped_and_its_gateway_still_gets_later_batches_in_order()
    {
        var fanOut = new CandleFanOut(_time, NullLogger<CandleFanOut>.Instance);
        var gone = new RecordingObserver();
        var busy = new RecordingObserver();

        fanOut.Send([gone, busy], Batch(1));
        await gone.WaitForAsync(1);
        // The sender ends its loop just after the call returns; only then is the outbox idle.
        await Task.Delay(100);
        Assert.Equal(2, fanOut.OutboxCount);

        // The first sweep finds both used since they were made; the second finds the first idle since the first sweep.
        _time.Advance(CandleFanOut.SweepPeriod);
        fanOut.Send([busy], Batch(2));
        Assert.Equal(2, fanOut.OutboxCount);
        _time.Advance(CandleFanOut.SweepPeriod);
        fanOut.Send([busy], Batch(3));
        Assert.Equal(1, fanOut.OutboxCount);

        fanOut.Send([gone], Batch(4));
        fanOut.Send([gone], Batch(5));
        await gone.WaitForAsync(3);
        Assert.Equal([1L, 4, 5], gone.Versions);
        await busy.WaitForAsync(3);
        Assert.Equal([1L, 2, 3], busy.Versions);
    }

    [Fact]
    public async Task An_outbox_with_a_call_in_flight_is_not_dropped()
    {
        var fanOut = new CandleFanOut(_time, NullLogger<CandleFanOut>.Instance);
        var slow = new RecordingObserver { Answer = new TaskCompletionSource() };
        var other = new RecordingObserver();

        fanOut.Send([slow], Batch(1));
        await slow.WaitForAsync(1);
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(CandleFanOut.SweepPeriod);
            fanOut.Send([other], Batch(10 + i));
        }
        Assert.Equal(2, fanOut.OutboxCount);

        fanOut.Send([slow], Batch(2));
        slow.Answer.SetResult();
        await slow.WaitForAsync(2);
        Assert.Equal([1L, 2], slow.Versions);
    }

    private static CandleBatch Batch(long version) => new("AAPL", version, [], 1, version - 1, new MovingAveragePeriods(40, 80, 160));

    private sealed class RecordingObserver : ICandleObserver
    {
        private readonly Lock _lock = new();
        private readonly List<long> _versions = [];

        /// <summary>When set, calls are answered only once it completes.</summary>
        public TaskCompletionSource? Answer { get; init; }

        public List<long> Versions
        {
            get { lock (_lock) return [.. _versions]; }
        }

        public Task OnCandles(IReadOnlyList<CandleBatch> batches)
        {
            lock (_lock) _versions.AddRange(batches.Select(b => b.Version));
            return Answer?.Task ?? Task.CompletedTask;
        }

        public async Task WaitForAsync(int count)
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (Versions.Count < count) await Task.Delay(10, timeout.Token);
        }
    }
}
