using Microsoft.Extensions.Logging;
using OrleansMarketData.Model;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Feeds;

/// <summary>
/// Publishes a feed's 1-minute bars to <c>bars/{SYMBOL}</c>, in order per symbol, keeping those whose publish
/// failed (a stream queue grain on a silo that just died does not answer). Such a bar and the symbol's later bars
/// wait, in order, and go first at the next attempt: the upstream sent them once and will not send them again.
/// Only published bars count as delivered, so a successor feed resumes before the first bar still waiting.
/// </summary>
public sealed partial class BarPublisher(IStreamProvider streams, ILogger logger)
{
    /// <summary>Bars kept per symbol for a stream that keeps failing; beyond that the oldest go (and are logged).</summary>
    public const int MaxUnpublished = 10_000;

    private readonly Dictionary<string, Queue<SymbolBar>> _unpublished = new(StringComparer.Ordinal);
    /// <summary>The feed's pump and its retry timer interleave at awaits; one of them publishes at a time.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Publishes a batch, each symbol's waiting bars first, different symbols side by side; returns the bars that
    /// were published.
    /// </summary>
    public Task<IReadOnlyList<SymbolBar>> PublishAsync(IReadOnlyList<SymbolBar> batch) =>
        ExclusiveAsync(batch.GroupBy(b => b.Symbol).Select(g => (g.Key, (IEnumerable<SymbolBar>)g)));

    /// <summary>Publishes what waits for every symbol; returns what was published.</summary>
    public Task<IReadOnlyList<SymbolBar>> RetryAsync() =>
        _unpublished.Count == 0 ? Task.FromResult<IReadOnlyList<SymbolBar>>([]) : ExclusiveAsync(_unpublished.Keys.Select(s => (s, Enumerable.Empty<SymbolBar>())));

    /// <summary>Drops what waits for a symbol nobody holds any more.</summary>
    public void Forget(string symbol) => _unpublished.Remove(symbol);

    private async Task<IReadOnlyList<SymbolBar>> ExclusiveAsync(IEnumerable<(string Symbol, IEnumerable<SymbolBar> Bars)> work)
    {
        await _gate.WaitAsync();
        try
        {
            var results = await Task.WhenAll(work.ToList().Select(w => PublishSymbolAsync(w.Symbol, w.Bars)));
            // One line per round, not per symbol: a stream provider that is down fails every symbol at once.
            if (results.FirstOrDefault(r => r.Error is not null) is { Error: { } error } first)
            {
                var failed = results.Count(r => r.Error is not null);
                LogPublishFailed(logger, error, failed, first.Symbol, _unpublished.Values.Sum(q => q.Count));
            }
            return results.Length == 1 ? results[0].Published : results.SelectMany(r => r.Published).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Symbol, IReadOnlyList<SymbolBar> Published, Exception? Error)> PublishSymbolAsync(
        string symbol, IEnumerable<SymbolBar> bars)
    {
        if (!_unpublished.TryGetValue(symbol, out var queue)) _unpublished[symbol] = queue = new Queue<SymbolBar>();
        foreach (var bar in bars)
        {
            queue.Enqueue(bar);
            if (queue.Count > MaxUnpublished) LogDropped(logger, symbol, queue.Dequeue().Bar.Time);
        }
        var stream = streams.GetStream<SymbolBar>(StreamNames.BarStream(symbol));
        var published = new List<SymbolBar>(queue.Count);
        Exception? error = null;
        while (error is null && queue.TryPeek(out var next))
        {
            try
            {
                await stream.OnNextAsync(next);
                published.Add(queue.Dequeue());
            }
            catch (Exception ex)
            {
                error = ex;
            }
        }
        if (queue.Count == 0) _unpublished.Remove(symbol);
        return (symbol, published, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the bars of {FailedSymbols} symbols (first {Symbol}); {Waiting} bars wait for the next attempt")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int failedSymbols, string symbol, int waiting);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped the {Symbol} bar of {BarTime:O}: too many bars wait for a stream that keeps failing")]
    private static partial void LogDropped(ILogger logger, string symbol, DateTimeOffset barTime);
}
