using System.Collections.Concurrent;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Json;

/// <summary>
/// The last history message written for each (symbol, timeframe, shape), reused while the candles are the very
/// same objects. Candles are immutable and a symbol's cache replaces a candle object whenever it changes, so
/// reference equality of every candle proves the message is still exact — no version or clock involved. Writing
/// 100 bars of JSON costs about 100 µs (mostly formatting numbers); comparing 100 references costs well under 1 µs.
/// In a standalone gateway the candles come from the co-hosted grain by reference, so popular charts hit; through
/// a remote silo every call brings fresh copies and this cache simply misses.
/// </summary>
public sealed class HistoryJsonCache
{
    /// <summary>Entries kept at most; past that the cache starts over, so it can never grow without bound.</summary>
    public const int MaxEntries = 2_048;

    /// <summary>Larger messages (thousands of bars) are not kept: they are rare and would dominate the memory.</summary>
    public const int MaxMessageBytes = 128 * 1024;

    private readonly ConcurrentDictionary<(string Symbol, Timeframe Timeframe, bool AsMessage), Entry> _entries = new();

    public int Count => _entries.Count;

    public byte[] GetOrWrite(
        string symbol, Timeframe timeframe, bool asMessage, IReadOnlyList<Candle> candles, MovingAveragePeriods averages, Func<byte[]> write)
    {
        var key = (symbol, timeframe, asMessage);
        if (_entries.TryGetValue(key, out var entry) && entry.Matches(candles, averages)) return entry.Json;

        var json = write();
        if (json.Length <= MaxMessageBytes)
        {
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[key] = new Entry(candles.ToArray(), averages, json);
        }
        return json;
    }

    private sealed record Entry(Candle[] Candles, MovingAveragePeriods Averages, byte[] Json)
    {
        public bool Matches(IReadOnlyList<Candle> candles, MovingAveragePeriods averages)
        {
            if (candles.Count != Candles.Length || averages != Averages) return false;
            for (var i = 0; i < Candles.Length; i++)
            {
                if (!ReferenceEquals(candles[i], Candles[i])) return false;
            }
            return true;
        }
    }
}
