using System.Collections.Concurrent;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// Emits one bar per subscribed symbol at every simulated minute mark and hands it to each of that symbol's
/// subscribers: one serialization per symbol, one queue write per socket — the least a fan-out can do.
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
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(clock.WallTimeUntil(next), stoppingToken);
            var barStart = next - TimeSpan.FromMinutes(1);
            foreach (var (symbol, subscribers) in _bySymbol)
            {
                if (subscribers.IsEmpty) continue;
                var message = BarMessages.Bar(symbol, barStart);
                foreach (var subscriber in subscribers.Keys) subscriber.TrySend(message);
            }
            next += TimeSpan.FromMinutes(1);
        }
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
