using Microsoft.Extensions.Logging;
using OrleansMarketData.Model;
using OrleansMarketData.Storage;

namespace OrleansMarketData.Feeds;

/// <summary>
/// The feed's write-ahead step: numbers each symbol's 1-minute bars and hands them to the bar store before they are
/// published. A bar lost between the feed and a symbol grain (the silo of a stream queue died with it) is then still
/// in the store, and the grain that sees its number skipped reads it back. Numbers go on from where the store's
/// sequence heads, or the feed's saved state, left off. Used in the feed grain's turns only.
/// </summary>
public sealed partial class FeedJournal(BarStoreWriter writer, IBarStore store, ILogger logger)
{
    /// <summary>How long an activation waits for the store's sequence heads before going on without them.</summary>
    private static readonly TimeSpan HeadsWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Numbers skipped when the store could not say where a symbol stood: far more than a feed numbers between two
    /// saves of its state, so no number is given twice. A grain that sees the jump finds nothing missing.
    /// </summary>
    private const long UnknownHeadMargin = 100_000;

    private Dictionary<string, long> _sequences = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes <paramref name="saved"/> (the feed state's numbers, which this journal then keeps current) and raises each
    /// to the store's head for its symbol. A symbol keeps its number after it is unsubscribed, so that a new
    /// subscription goes on from it.
    /// </summary>
    public async Task ResumeAsync(Dictionary<string, long> saved, CancellationToken cancellationToken)
    {
        _sequences = saved;
        try
        {
            foreach (var head in await store.ReadSequenceHeadsAsync(cancellationToken).WaitAsync(HeadsWait, cancellationToken))
                if (head.Sequence > saved.GetValueOrDefault(head.Symbol)) saved[head.Symbol] = head.Sequence;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogHeadsUnavailable(logger, ex, UnknownHeadMargin);
            foreach (var symbol in saved.Keys.ToList()) saved[symbol] += UnknownHeadMargin;
        }
    }

    /// <summary>
    /// Numbers the bars, writes them to the store and returns them numbered. A minute that has ended by
    /// <paramref name="now"/> is recorded as covered: the store then holds it whole. The store being down does not
    /// hold the bars back for longer than the writer's timeout: they are queued for it and published all the same.
    /// </summary>
    public async ValueTask<IReadOnlyList<SymbolBar>> WriteAheadAsync(IReadOnlyList<SymbolBar> bars, DateTimeOffset now)
    {
        var numbered = new SymbolBar[bars.Count];
        var rows = new StoredBar[bars.Count];
        var covered = new List<BarRange>(bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var sequence = _sequences.GetValueOrDefault(bar.Symbol) + 1;
            _sequences[bar.Symbol] = sequence;
            numbered[i] = bar with { Sequence = sequence };
            rows[i] = new StoredBar(bar.Symbol, Timeframe.Minute1, bar.Bar, Sequence: sequence);
            var end = bar.Bar.Time.AddMinutes(1);
            if (end <= now) covered.Add(new BarRange(bar.Symbol, Timeframe.Minute1, bar.Bar.Time, end));
        }
        try
        {
            await writer.WriteLiveAsync(new BarBatch(rows, covered));
        }
        catch (ArgumentException ex)
        {
            // A bar the store refuses (a price that is not a number) is still the upstream's bar: it goes out unstored.
            LogRefused(logger, ex, bars.Count);
        }
        return numbered;
    }

    /// <summary>The number of the symbol's newest bar so far; 0 when it has none.</summary>
    public long Newest(string symbol) => _sequences.GetValueOrDefault(symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bar store's sequence heads could not be read; numbering resumes {Margin} past the saved numbers")]
    private static partial void LogHeadsUnavailable(ILogger logger, Exception exception, long margin);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bar store refused a batch of {Count} live bars; they are published without being stored")]
    private static partial void LogRefused(ILogger logger, Exception exception, int count);
}
