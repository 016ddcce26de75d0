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
    /// Per symbol, where the run of minutes this journal has covered since the symbol was subscribed ends. The feed
    /// delivers every bar of a subscribed symbol, in order, a reconnect's missed minutes first (<c>ILiveBarFeed</c>),
    /// so the minutes between two of its bars had no trade: they are covered with the later bar. An illiquid symbol's
    /// live minutes are then one covered run rather than one range per traded minute, and a restart reads its history
    /// from the store (docs/bar-store.md).
    /// </summary>
    private readonly Dictionary<string, DateTimeOffset> _runEnds = new(StringComparer.Ordinal);

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
    /// <paramref name="now"/> is recorded as covered, with the minutes without a trade before it since the symbol's
    /// previous bar: the store then holds them whole. The store being down does not
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
            if (end > now) continue;
            // A repeated or revised earlier bar covers its own minute only.
            var from = _runEnds.TryGetValue(bar.Symbol, out var runEnd) && runEnd <= bar.Bar.Time ? runEnd : bar.Bar.Time;
            covered.Add(new BarRange(bar.Symbol, Timeframe.Minute1, from, end));
            if (end > runEnd) _runEnds[bar.Symbol] = end;
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

    /// <summary>
    /// Ends the symbol's covered run: once unsubscribed, the feed no longer delivers its bars, and minutes without a
    /// bar say nothing until it is subscribed again.
    /// </summary>
    public void EndRun(string symbol) => _runEnds.Remove(symbol);

    /// <summary>The number of the symbol's newest bar so far; 0 when it has none.</summary>
    public long Newest(string symbol) => _sequences.GetValueOrDefault(symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bar store's sequence heads could not be read; numbering resumes {Margin} past the saved numbers")]
    private static partial void LogHeadsUnavailable(ILogger logger, Exception exception, long margin);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bar store refused a batch of {Count} live bars; they are published without being stored")]
    private static partial void LogRefused(ILogger logger, Exception exception, int count);
}
