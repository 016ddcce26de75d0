using System.Collections.Concurrent;

namespace OrleansMarketData.Gateway.Admission;

/// <summary>
/// Which symbols exist, remembered by the gateway so that a flood of unknown symbols neither activates a symbol grain
/// each nor grows without bound: the cluster's <see cref="ISymbolDirectoryGrain"/> (the simulator knows its universe)
/// is asked once per symbol, and a symbol grain that found its symbol unknown (Alpaca's, after its first load) is
/// remembered too. At most <see cref="MaxEntries"/> answers are kept (when full, the older half goes); unknown answers
/// are asked again after <see cref="UnknownFor"/>, since a listing can appear. Thread-safe; one per gateway.
/// </summary>
public sealed partial class KnownSymbols(IClusterClient client, ILogger<KnownSymbols> logger)
{
    public const int MaxEntries = 100_000;
    public static readonly TimeSpan UnknownFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Answer> _answers = new(StringComparer.Ordinal);
    private readonly Lock _trimming = new();

    public int Count => _answers.Count;

    /// <summary>
    /// False for a symbol the feed does not know; true when it does, or when the cluster cannot say now (its grain
    /// decides; that answer is not remembered, so the feed's list is asked again once it has one).
    /// </summary>
    public async ValueTask<bool> IsKnownAsync(string symbol)
    {
        var now = Environment.TickCount64;
        if (_answers.TryGetValue(symbol, out var answer) && (answer.Known || now - answer.At < (long)UnknownFor.TotalMilliseconds))
            return answer.Known;
        bool? known;
        try
        {
            known = await client.GetGrain<ISymbolDirectoryGrain>(0).IsKnown(symbol);
        }
        catch (Exception ex)
        {
            LogAskFailed(logger, ex, symbol);
            return true;
        }
        if (known is not { } answered) return true;
        Remember(symbol, answered, now);
        return answered;
    }

    /// <summary>The symbols of <paramref name="symbols"/> that are known or may be, in their order; all asked at once.</summary>
    public async ValueTask<IReadOnlyList<string>> KnownOnlyAsync(IReadOnlyList<string> symbols)
    {
        var known = await Task.WhenAll(symbols.Select(s => IsKnownAsync(s).AsTask()));
        return known.All(k => k) ? symbols : symbols.Where((_, i) => known[i]).ToList();
    }

    /// <summary>A symbol grain answered "unknown symbol": later requests for it are refused without asking it.</summary>
    public void RememberUnknown(string symbol) => Remember(symbol, false, Environment.TickCount64);

    private void Remember(string symbol, bool known, long at)
    {
        _answers[symbol] = new Answer(known, at);
        if (_answers.Count <= MaxEntries) return;
        lock (_trimming)
        {
            if (_answers.Count <= MaxEntries) return;
            foreach (var old in _answers.OrderBy(pair => pair.Value.At).Take(_answers.Count - MaxEntries / 2).ToList())
                _answers.TryRemove(old);
        }
    }

    private readonly record struct Answer(bool Known, long At);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking the cluster whether {Symbol} exists failed; its grain decides")]
    private static partial void LogAskFailed(ILogger logger, Exception exception, string symbol);
}
