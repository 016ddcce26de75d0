using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// The <see cref="Candle"/> objects a series last handed out, newest last, kept until the series changes. Readers
/// between two bars get the very same objects: the gateway's HistoryJsonCache reuses a history's JSON only while
/// every candle is the same object, and materialising the candles anew for each read would defeat it. Kept until the
/// next change only, so at most one read's worth of objects lives beside the rows.
/// </summary>
internal sealed class MaterialisedCandles
{
    private Candle[]? _newest;
    private Candle? _last;

    public void Clear()
    {
        _newest = null;
        _last = null;
    }

    public Candle? Last(CandleBuffer rows) => _last ??= rows.Count == 0 ? null : rows.ToCandle(rows.Count - 1);

    /// <summary>The newest <paramref name="count"/> rows as candles, oldest first, reusing the objects already handed out.</summary>
    public IReadOnlyList<Candle> Newest(CandleBuffer rows, int count)
    {
        if (count <= 0) return [];
        var reused = _newest?.Length ?? 0;
        if (reused >= count) return reused == count ? _newest! : _newest![^count..];
        var candles = new Candle[count];
        for (var i = 0; i < count - 1; i++)
        {
            var fromEnd = count - i;
            candles[i] = fromEnd <= reused ? _newest![reused - fromEnd] : rows.ToCandle(rows.Count - fromEnd);
        }
        candles[^1] = Last(rows)!;
        return _newest = candles;
    }
}
