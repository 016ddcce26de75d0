using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;
using OrleansMarketData.Tape;

namespace OrleansMarketData.Tests.Tape;

/// <summary>
/// The relay's delivery to one gateway: one call in flight at a time, carrying what waited meanwhile, in order, also
/// when the gateway's registration ends and starts again while a call is still on its way.
/// </summary>
public sealed class TapeRelayTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 18, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_gateway_that_registers_again_during_a_call_gets_everything_in_order_one_call_at_a_time()
    {
        var gateway = new HeldGateway();
        var tape = Channel.CreateUnbounded<TapeEvent>();
        var relay = new TapeRelay(NullLogger.Instance);
        var registered = Routes(gateway);
        relay.Routes = registered;
        var running = Task.Run(() => relay.RunAsync(tape.Reader));

        tape.Writer.TryWrite(Trade(0));
        await gateway.Called.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // The first call waits at the gateway; the registration ends and starts again meanwhile.
        relay.Routes = TapeRoutes.Build(new Dictionary<ITapeObserver, TapeInterest>());
        tape.Writer.TryWrite(Trade(1));
        await Eventually(() => tape.Reader.Count == 0);
        await Task.Delay(100);
        relay.Routes = registered;
        for (var i = 2; i < 50; i++) tape.Writer.TryWrite(Trade(i));
        await Task.Delay(200);
        gateway.Release.SetResult();

        await Eventually(() => gateway.Received.Count == 49);
        tape.Writer.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        // Trade 1 came while nobody was registered; every other one arrives, in order, never two calls at once.
        Assert.Equal([0, .. Enumerable.Range(2, 48)], gateway.Received.Select(e => (int)e.Trade!.Id));
        Assert.Equal(1, gateway.MostAtOnce);
        Assert.True(gateway.Calls <= 3, $"{gateway.Calls} calls: what waited during the first was not batched");
    }

    private static TapeRoutes Routes(ITapeObserver gateway) =>
        TapeRoutes.Build(new Dictionary<ITapeObserver, TapeInterest> { [gateway] = new(["AAPL"], [], []) });

    private static TapeEvent Trade(int id) => new("AAPL", Trade: new Trade(Start.AddSeconds(id), 100 + id / 100.0, 1, id, "V", ["@"], "C"));

    private static async Task Eventually(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            if (waited > 10_000) throw new TimeoutException("not within 10 s");
            await Task.Delay(20);
        }
    }

    private sealed class HeldGateway : ITapeObserver
    {
        private int _inFlight;
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<TapeEvent> Received { get; } = [];
        public int MostAtOnce;
        public int Calls;

        public async Task OnTape(IReadOnlyList<TapeEvent> events)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (Received) MostAtOnce = Math.Max(MostAtOnce, now);
            Interlocked.Increment(ref Calls);
            Called.TrySetResult();
            await Release.Task;
            lock (Received) Received.AddRange(events);
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
