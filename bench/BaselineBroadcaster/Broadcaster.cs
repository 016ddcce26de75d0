using System.Collections.Concurrent;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// Emits one bar per subscribed symbol at every simulated minute mark and hands it to each of that symbol's
/// subscribers: one serialization per symbol and wire format in use, one queue write per socket — the least a
/// fan-out can do.
/// </summary>
public sealed class Broadcaster(BarClock clock) : BackgroundService
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscriber, byte>> _bySymbol = new(StringComparer.Ordinal);

    public void Add(string symbol, Subscriber subscriber) => _bySymbol.GetOrAdd(symbol, _ => new()).TryAdd(subscriber, 0);

    public void Remove(string symbol, Subscriber subscriber)
    {
        if (_bySymbol.TryGetValue(symbol, out var set)) set.TryRemove(subscriber, out _);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = Floor(clock.Now) + TimeSpan.FromMinutes(1);
        var encoded = new byte[]?[Enum.GetValues<WireFormat>().Length];
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(clock.WallTimeUntil(next), stoppingToken);
            // Task.Delay counts whole milliseconds and may wake just before the mark: wait again rather than emit a
            // bar early, as the gateway's feed does (Grains/Sources/Simulated/SimulatedLiveFeed.cs emits only marks passed).
            if (clock.Now < next) continue;
            var barStart = next - TimeSpan.FromMinutes(1);
            foreach (var (symbol, subscribers) in _bySymbol)
            {
                if (subscribers.IsEmpty) continue;
                var bar = BarValues.Of(symbol, barStart);
                Array.Clear(encoded);
                foreach (var subscriber in subscribers.Keys)
                    subscriber.TrySend(encoded[(int)subscriber.Format] ??= BarMessages.Encode(bar, subscriber.Format));
            }
            next += TimeSpan.FromMinutes(1);
        }
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
